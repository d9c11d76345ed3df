package dev.checkpoint.cli.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.checkpoint.cli.scenario.Service;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ports taken by a real listening socket on 127.0.0.1. */
class ServicePortsTest {
  private final StringWriter progress = new StringWriter();

  private static Service started(String name, int port, Map<String, String> env) {
    return new Service(
        name,
        List.of("/bin/sh", "-c", "true"),
        Path.of("."),
        env,
        URI.create("http://127.0.0.1:" + port),
        URI.create("/health"),
        null,
        Duration.ofSeconds(1),
        null);
  }

  @Test
  void aServiceToldItsPortMovesToAFreePortWhenItsOwnIsTaken() throws IOException {
    try (ServerSocket taken = listening(0);
        ServerSocket alsoTaken = listening(0)) {
      Service orders = started("orders", taken.getLocalPort(), Map.of("PORT", "${orders.port}"));
      Service payments =
          started("payments", alsoTaken.getLocalPort(), Map.of("URL", "${payments}"));
      Service free = started("shipping", freePort(), Map.of());

      List<Service> placed =
          ServicePorts.place(List.of(orders, payments, free), new PrintWriter(progress, true));

      int moved = placed.get(0).url().getPort();
      assertThat(moved).isNotEqualTo(taken.getLocalPort()).isPositive();
      assertThat(placed.get(0).readyAt()).hasToString("http://127.0.0.1:" + moved + "/health");
      assertThat(placed.get(1).url().getPort())
          .isNotIn(alsoTaken.getLocalPort(), moved)
          .isPositive();
      assertThat(placed.get(2)).isSameAs(free);
      assertThat(progress.toString())
          .contains(
              "  port "
                  + taken.getLocalPort()
                  + " of orders is in use: orders gets the free port "
                  + moved);
      try (ServerSocket bindable = listening(moved)) {
        assertThat(bindable.getLocalPort()).as("the new port was free").isEqualTo(moved);
      }
    }
  }

  @Test
  void aServiceNotToldItsPortCannotMoveAndTheErrorSaysHowToLetIt() throws IOException {
    try (ServerSocket taken = listening(0)) {
      Service orders = started("orders", taken.getLocalPort(), Map.of("PORT", "8081"));

      assertThatThrownBy(() -> ServicePorts.place(List.of(orders), new PrintWriter(progress, true)))
          .isInstanceOf(RunFailure.class)
          .hasMessage(
              "Port "
                  + taken.getLocalPort()
                  + " of service 'orders' is in use by another program. Stop that program, or let"
                  + " the runner choose a free port: pass ${orders.port} to the service in its"
                  + " 'env' (such as PORT: \"${orders.port}\").");
    }
  }

  @Test
  void servicesTheRunnerDoesNotStartKeepTheirAddress() throws IOException {
    try (ServerSocket running = listening(0)) {
      Service already =
          new Service(
              "orders",
              List.of(),
              Path.of("."),
              Map.of(),
              URI.create("http://127.0.0.1:" + running.getLocalPort()),
              null,
              null,
              Duration.ofSeconds(1),
              null);

      assertThat(ServicePorts.place(List.of(already), new PrintWriter(progress, true)))
          .containsExactly(already);
    }
  }

  private static ServerSocket listening(int port) throws IOException {
    return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = listening(0)) {
      return socket.getLocalPort();
    }
  }
}
