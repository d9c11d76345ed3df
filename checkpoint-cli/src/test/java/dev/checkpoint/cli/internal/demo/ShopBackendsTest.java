package dev.checkpoint.cli.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code checkpoint demo} says when the shop's Kafka or Redis is missing: what it skips, why,
 * and what the trees lack then; and that the services are then given no Kafka.
 */
class ShopBackendsTest {

  @TempDir Path dir;

  @Test
  void aKafkaAndARedisThatDoNotAnswerAreSkippedWithTheReason() throws Exception {
    int closed = closedPort();
    String said;
    try (ShopBackends backends =
        ShopBackends.start(
            dir, Map.of(ShopBackends.KAFKA_VARIABLE, "127.0.0.1:" + closed + ",127.0.0.1:1"))) {
      said =
          report(
              backends, Map.of(ShopBackends.REDIS_VARIABLE, "redis://:secret@127.0.0.1:" + closed));
      assertThat(backends.kafkaBootstrapServers()).isEmpty();
    }

    assertThat(said)
        .contains(
            "  Kafka: skipped (nothing answers at 127.0.0.1:"
                + closed
                + ",127.0.0.1:1, from DEMO_KAFKA_BOOTSTRAP_SERVERS: Connection refused); the trees"
                + " have no MESSAGE_PUBLISH to shipment.created and orders does not mark orders"
                + " shipped.\n",
            "  Redis: skipped (nothing answers at redis://127.0.0.1:"
                + closed
                + ": Connection refused); orders reads every price from SQL and the trees have no"
                + " CACHE checkpoints. Start Redis (redis-server) or set DEMO_REDIS_URL.\n")
        .doesNotContain("secret");
  }

  @Test
  void anEmbeddedBrokerThatCannotStartIsSkippedWithKafkasReason() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data goes");
    String said;
    try (ShopBackends backends = ShopBackends.start(notADirectory, Map.of())) {
      said = report(backends, Map.of(ShopBackends.REDIS_VARIABLE, "redis://127.0.0.1:6379"));
      assertThat(backends.kafkaBootstrapServers()).isEmpty();
    }

    assertThat(said)
        .containsPattern(
            "  Kafka: skipped \\(could not start the broker: The embedded Kafka broker needs a data"
                + " directory under .*data/kafka.*\\); the trees have no MESSAGE_PUBLISH to"
                + " shipment\\.created and orders does not mark orders shipped\\.\n");
  }

  private static String report(ShopBackends backends, Map<String, String> environment) {
    StringWriter out = new StringWriter();
    backends.report(environment, new PrintWriter(out));
    return out.toString();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
