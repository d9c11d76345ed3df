package dev.checkpoint.instrumentation.kafka;

import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the module's one Kafka broker: started on first use under {@code target/}, on free
 * ports of 127.0.0.1, and stopped when the test run ends (JUnit closes what the root store holds).
 * There is no fallback: without a broker the tests fail, saying why it did not start.
 */
final class KafkaBrokerExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

  /** A cold start on a loaded machine takes 10 to 20 seconds; more means it will not start. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedKafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Started started =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Started.class, type -> start(), Started.class);
    if (started.failure() != null) {
      throw new ParameterResolutionException(
          "The Kafka broker of these tests did not start: " + started.failure().getMessage(),
          started.failure());
    }
    return started.broker();
  }

  /** One attempt per test run: a broker that did not start is not tried again by every test. */
  private static Started start() {
    try {
      return new Started(
          EmbeddedKafkaBroker.start(Path.of("target", "kafka"), START_TIMEOUT), null);
    } catch (RuntimeException e) {
      return new Started(null, e);
    }
  }

  /** The broker, or why it did not start; closed with the root store at the end of the run. */
  private record Started(EmbeddedKafkaBroker broker, RuntimeException failure)
      implements AutoCloseable {
    @Override
    public void close() {
      if (broker != null) {
        broker.close();
      }
    }
  }
}
