package dev.checkpoint.instrumentation.spring.kafka;

import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one Kafka broker of this module's tests, started on first use under {@code target/} on free
 * ports of 127.0.0.1 and stopped when the JVM ends; the test classes close their application
 * contexts ({@code @DirtiesContext}) before, so that no consumer outlives it. There is no fallback:
 * without a broker the tests fail, saying why it did not start.
 */
final class TestKafkaBroker {

  /** A cold start on a loaded machine takes 10 to 20 seconds; more means it will not start. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private static EmbeddedKafkaBroker broker;

  private TestKafkaBroker() {}

  static synchronized String bootstrapServers() {
    if (broker == null) {
      EmbeddedKafkaBroker started =
          EmbeddedKafkaBroker.start(Path.of("target", "kafka"), START_TIMEOUT);
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-broker-stop"));
      broker = started;
    }
    return broker.bootstrapServers();
  }
}
