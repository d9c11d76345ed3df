package dev.checkpoint.instrumentation.kafka;

import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the module's one Kafka broker: started on first use under {@code target/}, on free
 * ports of 127.0.0.1, and stopped when the test run ends (JUnit closes what the root store holds).
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
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            EmbeddedKafkaBroker.class,
            type -> EmbeddedKafkaBroker.start(Path.of("target", "kafka"), START_TIMEOUT),
            EmbeddedKafkaBroker.class);
  }
}
