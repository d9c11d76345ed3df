package dev.checkpoint.cli.internal.run;

import dev.checkpoint.broker.EmbeddedAmqpBroker;
import dev.checkpoint.cli.scenario.Broker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The brokers of a scenario: each is used where it is expected when something answers there;
 * otherwise an embedded AMQP 0-9-1 broker ({@link EmbeddedAmqpBroker}) runs in this JVM for the
 * scenario, so that the scenario needs nothing installed. Embedded brokers stop on {@link
 * #close()}.
 */
final class Brokers implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MS = 1_000;

  private final PrintWriter progress;
  private final List<EmbeddedAmqpBroker> embedded = new ArrayList<>();

  Brokers(PrintWriter progress) {
    this.progress = progress;
  }

  /**
   * Finds or starts each broker, saying in one line which is used.
   *
   * @param brokers the scenario's brokers
   * @param environment the runner's environment, for {@link Broker#amqpEnv()}
   * @return the URI in use of each broker, by name
   * @throws RunFailure when an address is malformed or an embedded broker does not start
   */
  Map<String, String> start(List<Broker> brokers, Map<String, String> environment) {
    Map<String, String> uris = new LinkedHashMap<>();
    for (Broker broker : brokers) {
      URI expected;
      try {
        expected = broker.amqp(environment);
      } catch (IllegalArgumentException e) {
        throw new RunFailure(e.getMessage(), e);
      }
      if (answers(expected)) {
        progress.printf("  broker %s: the one at %s%n", broker.name(), withoutPassword(expected));
        uris.put(broker.name(), expected.toString());
      } else {
        EmbeddedAmqpBroker started = startEmbedded(broker);
        progress.printf(
            "  broker %s: embedded AMQP broker (Qpid Broker-J) at %s, since nothing answers at %s%n",
            broker.name(), withoutPassword(started.uri()), withoutPassword(expected));
        uris.put(broker.name(), started.uri().toString());
      }
      progress.flush();
    }
    return uris;
  }

  private EmbeddedAmqpBroker startEmbedded(Broker broker) {
    try {
      EmbeddedAmqpBroker started = EmbeddedAmqpBroker.start();
      embedded.add(started);
      return started;
    } catch (IllegalStateException | UncheckedIOException e) {
      throw new RunFailure("Broker '" + broker.name() + "': " + e.getMessage(), e);
    }
  }

  private static boolean answers(URI amqp) {
    int port =
        amqp.getPort() >= 0 ? amqp.getPort() : "amqps".equals(amqp.getScheme()) ? 5671 : 5672;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(amqp.getHost(), port), CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String withoutPassword(URI uri) {
    return uri.getUserInfo() == null
        ? uri.toString()
        : uri.toString().replace(uri.getRawUserInfo() + "@", "");
  }

  /** Stops the embedded brokers, newest first. */
  @Override
  public void close() {
    List<EmbeddedAmqpBroker> newestFirst = new ArrayList<>(embedded);
    Collections.reverse(newestFirst);
    newestFirst.forEach(EmbeddedAmqpBroker::close);
    embedded.clear();
  }
}
