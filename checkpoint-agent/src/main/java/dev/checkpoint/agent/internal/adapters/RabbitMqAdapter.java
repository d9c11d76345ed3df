package dev.checkpoint.agent.internal.adapters;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.observation.ObservationCollector;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import java.util.function.UnaryOperator;

/**
 * Sets the messaging instrumentation's observation collector on a RabbitMQ connection factory the
 * application just created, which records the publishes, deliveries and {@code basicGet}s of every
 * channel of the connections it opens. A collector the application sets afterwards (the library's
 * {@code RabbitMqRecording} wired by hand, or another) replaces it, so each call is recorded once.
 */
public final class RabbitMqAdapter implements UnaryOperator<Object> {

  /** One for all factories: it holds no state of a factory or connection. */
  private final ObservationCollector collector;

  /**
   * Creates the adapter.
   *
   * @param recorder the agent's recorder
   */
  public RabbitMqAdapter(Instrumenter recorder) {
    this.collector = RabbitMqRecording.create(recorder).observationCollector();
  }

  @Override
  public Object apply(Object target) {
    ((ConnectionFactory) target).setObservationCollector(collector);
    return target;
  }
}
