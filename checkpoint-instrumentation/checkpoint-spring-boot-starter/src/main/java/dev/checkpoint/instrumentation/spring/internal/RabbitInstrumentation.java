package dev.checkpoint.instrumentation.spring.internal;

import com.rabbitmq.client.Consumer;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import org.aopalliance.aop.Advice;
import org.springframework.amqp.rabbit.config.AbstractRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Instruments Spring AMQP's beans. A connection factory gets {@code checkpoint-messaging}'s
 * observation collector on its RabbitMQ client factory, which records publishes and {@code
 * basicGet} on every channel without wrapping any. A listener container factory gets {@link
 * RabbitListenerRecording} first in its advice chain, so each message a container delivers is
 * recorded around the listener, on the listener's thread; the collector leaves Spring's own
 * consumers alone, because with the simple container they only hand the message over to another
 * thread, and a delivery would otherwise be recorded twice.
 */
public final class RabbitInstrumentation implements BeanPostProcessor, Ordered {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(RabbitInstrumentation.class.getName());

  /** Where the consumers of Spring's listener containers (and reply containers) live. */
  private static final String SPRING_LISTENERS = "org.springframework.amqp.rabbit.listener.";

  private final ObjectProvider<Instrumenter> recorder;
  private RabbitMqRecording recording;

  /**
   * Creates the post-processor.
   *
   * @param recorder the recorder, looked up when the first bean is instrumented
   */
  public RabbitInstrumentation(ObjectProvider<Instrumenter> recorder) {
    this.recorder = recorder;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    try {
      if (bean instanceof AbstractConnectionFactory factory) {
        factory
            .getRabbitConnectionFactory()
            .setObservationCollector(
                recording().observationCollector(RabbitInstrumentation::isApplicationConsumer));
      } else if (bean instanceof AbstractRabbitListenerContainerFactory<?> factory) {
        factory.setAdviceChain(withRecordingFirst(factory.getAdviceChain()));
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

  private Advice[] withRecordingFirst(Advice[] chain) {
    Advice[] existing = chain == null ? new Advice[0] : chain;
    for (Advice advice : existing) {
      if (advice instanceof RabbitListenerRecording) {
        return existing;
      }
    }
    // First, so the checkpoint spans every retry of a retry interceptor after it.
    Advice[] withRecording = new Advice[existing.length + 1];
    withRecording[0] = new RabbitListenerRecording(recording());
    System.arraycopy(existing, 0, withRecording, 1, existing.length);
    return withRecording;
  }

  private synchronized RabbitMqRecording recording() {
    if (recording == null) {
      recording = RabbitMqRecording.create(recorder.getObject());
    }
    return recording;
  }
}
