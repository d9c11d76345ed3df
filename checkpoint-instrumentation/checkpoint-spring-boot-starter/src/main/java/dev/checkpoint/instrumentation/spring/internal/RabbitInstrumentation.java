package dev.checkpoint.instrumentation.spring.internal;

import com.rabbitmq.client.Consumer;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Instruments Spring AMQP's beans. A connection factory gets {@code checkpoint-messaging}'s
 * observation collector on its RabbitMQ client factory, which records publishes and {@code
 * basicGet} on every channel without wrapping any; a listener container declared as a bean gets a
 * {@link RecordingMessageListener} ({@link RabbitListenerContainers} does the same for the
 * {@code @RabbitListener} ones). The collector leaves Spring's own consumers alone: with the simple
 * container they only hand the message over to another thread, where the recording listener records
 * it, so a delivery is recorded once.
 */
public final class RabbitInstrumentation implements BeanPostProcessor, Ordered {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(RabbitInstrumentation.class.getName());

  /** Where the consumers of Spring's listener containers (and reply containers) live. */
  private static final String SPRING_LISTENERS = "org.springframework.amqp.rabbit.listener.";

  private final ObjectProvider<RabbitMqRecording> recording;

  /**
   * Creates the post-processor.
   *
   * @param recording the recording, looked up when the first bean is instrumented
   */
  public RabbitInstrumentation(ObjectProvider<RabbitMqRecording> recording) {
    this.recording = recording;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    try {
      if (bean instanceof AbstractConnectionFactory factory) {
        factory
            .getRabbitConnectionFactory()
            .setObservationCollector(
                recording
                    .getObject()
                    .observationCollector(RabbitInstrumentation::isApplicationConsumer));
      } else if (bean instanceof AbstractMessageListenerContainer container) {
        MessageListener wrapped =
            RecordingMessageListener.wrap(container.getMessageListener(), recording.getObject());
        if (wrapped != null) {
          container.setMessageListener(wrapped);
        }
      }
    } catch (RuntimeException e) {
      LOG.failed("Instrumenting the RabbitMQ bean '" + beanName + "'", e);
    }
    return bean;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  private static boolean isApplicationConsumer(Consumer consumer) {
    return !consumer.getClass().getName().startsWith(SPRING_LISTENERS);
  }
}
