package dev.checkpoint.cli.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.checkpoint.cli.scenario.Broker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against a real listening socket and a real closed port. */
class BrokersTest {
  private final StringWriter progress = new StringWriter();

  @Test
  void usesTheBrokerThatAnswersAtItsAddress() throws IOException {
    try (ServerSocket answering = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Brokers brokers = new Brokers(new PrintWriter(progress, true))) {
      String uri = "amqp://guest:secret@127.0.0.1:" + answering.getLocalPort();

      Map<String, String> used =
          brokers.start(List.of(new Broker("mq", URI.create(uri), null)), Map.of());

      assertThat(used).containsExactly(Map.entry("mq", uri));
      assertThat(progress.toString())
          .isEqualTo("  broker mq: the one at amqp://127.0.0.1:" + answering.getLocalPort() + "\n");
    }
  }

  @Test
  void runsAnEmbeddedBrokerWhenNothingAnswersAndStopsItAtClose() throws Exception {
    int closed = closedPort();
    String uri;
    try (Brokers brokers = new Brokers(new PrintWriter(progress, true))) {
      uri =
          brokers
              .start(
                  List.of(new Broker("mq", URI.create("amqp://127.0.0.1:1"), "SHOP_MQ")),
                  Map.of("SHOP_MQ", "amqp://guest:guest@127.0.0.1:" + closed))
              .get("mq");

      assertThat(uri).startsWith("amqp://guest:guest@127.0.0.1:");
      assertThat(progress.toString())
          .startsWith("  broker mq: embedded AMQP broker (Qpid Broker-J) at amqp://127.0.0.1:")
          .endsWith(", since nothing answers at amqp://127.0.0.1:" + closed + "\n");
      try (Connection connection = factory(uri).newConnection()) {
        assertThat(connection.isOpen()).isTrue();
      }
    }
    assertThatThrownBy(() -> factory(uri).newConnection().close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aMalformedAddressInTheEnvironmentIsARunFailure() {
    try (Brokers brokers = new Brokers(new PrintWriter(progress, true))) {
      assertThatThrownBy(
              () ->
                  brokers.start(
                      List.of(new Broker("mq", URI.create("amqp://127.0.0.1:1"), "SHOP_MQ")),
                      Map.of("SHOP_MQ", "amqp://no spaces")))
          .isInstanceOf(RunFailure.class)
          .hasMessageStartingWith("SHOP_MQ (for broker 'mq') must be an AMQP URI");
    }
  }

  private static ConnectionFactory factory(String uri) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(uri);
    factory.setConnectionTimeout(2_000);
    return factory;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
