package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Gives each {@code @RabbitListener} container a {@link RecordingMessageListener}. Those containers
 * are not beans: the endpoint registry creates them once every bean exists and starts them with the
 * application context, so this runs as a lifecycle of the earliest phase, after they were created
 * and before they consume. A container registered later, while the application runs, is not
 * recorded.
 */
public final class RabbitListenerContainers extends BeforeListenersStart {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(RabbitListenerContainers.class.getName());

  private final ObjectProvider<RabbitListenerEndpointRegistry> registries;
  private final RabbitMqRecording recording;

  /**
   * Creates the lifecycle.
   *
   * @param registries the endpoint registries of the context
   * @param recording the recording
   */
  public RabbitListenerContainers(
      ObjectProvider<RabbitListenerEndpointRegistry> registries, RabbitMqRecording recording) {
    this.registries = registries;
    this.recording = recording;
  }

  @Override
  void instrumentContainers() {
    registries.orderedStream().forEach(this::instrument);
  }

  private void instrument(RabbitListenerEndpointRegistry registry) {
    for (MessageListenerContainer container : registry.getListenerContainers()) {
      try {
        MessageListener wrapped =
            RecordingMessageListener.wrap(container.getMessageListener(), recording);
        if (wrapped != null) {
          container.setupMessageListener(wrapped);
        }
      } catch (RuntimeException e) {
        LOG.failed("Instrumenting a @RabbitListener container", e);
      }
    }
  }
}
