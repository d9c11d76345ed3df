package dev.checkpoint.cli.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.checkpoint.cli.scenario.Service;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes through /bin/sh, stopped at the end. */
class ServiceSupervisorTest {
  private static final URI UNUSED = URI.create("http://127.0.0.1:9");

  @TempDir Path dir;
  private final StringWriter progress = new StringWriter();

  private ServiceSupervisor supervisor() {
    return new ServiceSupervisor(HttpClient.newHttpClient(), new PrintWriter(progress, true));
  }

  private Service shell(String script, URI readyUrl, Pattern readyLog, Duration timeout) {
    return new Service(
        "orders",
        List.of("/bin/sh", "-c", script),
        dir,
        Map.of("GREETING", "hello"),
        UNUSED,
        readyUrl,
        readyLog,
        timeout,
        null);
  }

  @Test
  void startsWithTheRecordingEnvironmentWaitsForTheLogLineAndStopsTheProcess() throws IOException {
    Service service =
        shell(
            "echo $$ > pid; echo \"booting $GREETING $CHECKPOINT_MODE $CHECKPOINT_ENDPOINT"
                + " $CHECKPOINT_SERVICE_NAME\"; sleep 0.3; echo 'Started orders in 0.3s';"
                + " exec sleep 30",
            null,
            Pattern.compile("Started .* in"),
            Duration.ofSeconds(10));
    long pid;
    try (ServiceSupervisor supervisor = supervisor()) {
      supervisor.start(List.of(service), "http://127.0.0.1:7070", dir.resolve("logs"));
      Path log = dir.resolve("logs/orders.log");
      assertThat(Files.readString(log))
          .contains("booting hello ON_DEMAND http://127.0.0.1:7070 orders", "Started orders");
      pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
      assertThat(progress.toString()).contains("orders is ready (log: " + log + ")");
    }
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void waitsForAnHttpHealthCheck() throws IOException {
    HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    health.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    health.start();
    try (ServiceSupervisor supervisor = supervisor()) {
      supervisor.start(
          List.of(
              shell(
                  "exec sleep 30",
                  URI.create("http://127.0.0.1:" + health.getAddress().getPort() + "/health"),
                  null,
                  Duration.ofSeconds(10))),
          "http://127.0.0.1:7070",
          dir);
      assertThat(progress.toString()).contains("orders is ready");
    } finally {
      health.stop(0);
    }
  }

  @Test
  void aServiceThatExitsEarlyFailsWithItsExitCodeAndLog() {
    try (ServiceSupervisor supervisor = supervisor()) {
      assertThatThrownBy(
              () ->
                  supervisor.start(
                      List.of(
                          shell(
                              "echo 'bad config: port missing'; exit 3",
                              null,
                              Pattern.compile("Started"),
                              Duration.ofSeconds(10))),
                      "http://127.0.0.1:7070",
                      dir))
          .isInstanceOf(RunFailure.class)
          .hasMessageContaining("Service 'orders' exited with code 3 before it was ready")
          .hasMessageContaining("bad config: port missing");
    }
  }

  @Test
  void aServiceThatIsNotReadyInTimeFailsAndIsStopped() throws IOException {
    try (ServiceSupervisor supervisor = supervisor()) {
      assertThatThrownBy(
              () ->
                  supervisor.start(
                      List.of(
                          shell(
                              "echo $$ > pid; echo waiting; exec sleep 30",
                              null,
                              Pattern.compile("Started"),
                              Duration.ofMillis(300))),
                      "http://127.0.0.1:7070",
                      dir))
          .isInstanceOf(RunFailure.class)
          .hasMessageContaining(
              "Service 'orders' was not ready after 300 ms: no log line matched 'Started'")
          .hasMessageContaining("Raise 'ready.timeout'")
          .hasMessageContaining("waiting");
    }
    long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void aCommandThatCannotRunFails() {
    Service missing =
        new Service(
            "orders",
            List.of("/no/such/binary"),
            dir,
            Map.of(),
            UNUSED,
            null,
            Pattern.compile("x"),
            Duration.ofSeconds(1),
            null);
    try (ServiceSupervisor supervisor = supervisor()) {
      assertThatThrownBy(() -> supervisor.start(List.of(missing), "http://127.0.0.1:1", dir))
          .isInstanceOf(RunFailure.class)
          .hasMessageContaining("Service 'orders' did not start")
          .hasMessageContaining("Check its 'command' and 'working_dir'");
    }
  }

  @Test
  void waitsForLogLinesAfterTheMark() {
    Service service =
        shell(
            "echo 'order 41 shipped'; echo 'Started'; sleep 0.3; echo 'order 42 shipped';"
                + " exec sleep 30",
            null,
            Pattern.compile("Started"),
            Duration.ofSeconds(10));
    try (ServiceSupervisor supervisor = supervisor()) {
      supervisor.start(List.of(service), "http://127.0.0.1:7070", dir);
      supervisor.mark();
      supervisor.awaitLog(
          "orders", Pattern.compile(Pattern.quote("order 42 shipped")), Duration.ofSeconds(5), "s");
      assertThatThrownBy(
              () ->
                  supervisor.awaitLog(
                      "orders", Pattern.compile("order 41"), Duration.ofMillis(200), "ship"))
          .isInstanceOf(RunFailure.class)
          .hasMessageContaining(
              "Step 'ship': service 'orders' logged no line matching 'order 41' within 200 ms");
      assertThatThrownBy(
              () -> supervisor.awaitLog("payments", Pattern.compile("x"), Duration.ZERO, "pay"))
          .isInstanceOf(RunFailure.class)
          .hasMessageContaining("only sees the logs of services it starts");
    }
  }
}
