package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Adds the starter's interceptor to each Spring Kafka listener container ({@code @KafkaListener}'s
 * and those declared as beans), after the application's own: a {@link RecordingRecordInterceptor}
 * to a record listener's container, a {@link RecordingBatchInterceptor} to a batch listener's.
 * Those containers are created once every bean exists and started with the application context, so
 * this runs as a lifecycle of the earliest phase, after they were created and before they poll. A
 * container registered later, while the application runs, is not given one.
 */
public final class KafkaListenerContainers extends BeforeListenersStart {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(KafkaListenerContainers.class.getName());

  private final ObjectProvider<KafkaListenerEndpointRegistry> registries;
  private final ObjectProvider<Instrumenter> recorder;
  // A context that is stopped and started again must not add a second interceptor.
  private final Set<MessageListenerContainer> instrumented =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /**
   * Creates the lifecycle.
   *
   * @param registries the endpoint registries of the context
   * @param recorder the recorder
   */
  public KafkaListenerContainers(
      ObjectProvider<KafkaListenerEndpointRegistry> registries,
      ObjectProvider<Instrumenter> recorder) {
    this.registries = registries;
    this.recorder = recorder;
  }

  @Override
  void instrumentContainers() {
    registries.orderedStream().forEach(this::instrument);
  }

  private void instrument(KafkaListenerEndpointRegistry registry) {
    for (MessageListenerContainer container : registry.getAllListenerContainers()) {
      try {
        if (container instanceof AbstractMessageListenerContainer<?, ?> listening
            && instrumented.add(container)) {
          instrument(listening);
        }
      } catch (RuntimeException e) {
        LOG.failed("Instrumenting a @KafkaListener container", e);
      }
    }
  }

  private <K, V> void instrument(AbstractMessageListenerContainer<K, V> container) {
    Instrumenter instrumenter = recorder.getObject();
    if (container.getContainerProperties().getMessageListener() instanceof BatchMessageListener) {
      RecordingBatchInterceptor<K, V> ours = new RecordingBatchInterceptor<>(instrumenter);
      container.setBatchInterceptor(
          container.getBatchInterceptor() == null
              ? ours
              : new CompositeBatchInterceptor<>(container.getBatchInterceptor(), ours));
    } else {
      RecordingRecordInterceptor<K, V> ours = new RecordingRecordInterceptor<>(instrumenter);
      container.setRecordInterceptor(
          container.getRecordInterceptor() == null
              ? ours
              : new CompositeRecordInterceptor<>(container.getRecordInterceptor(), ours));
    }
  }
}
