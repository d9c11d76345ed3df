package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.kafka.CheckpointKafka;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Adds a post-processor to each Spring Kafka {@link ProducerFactory} and {@link ConsumerFactory}
 * bean that wraps every client the factory creates with {@code checkpoint-kafka}. A listener
 * container iterates the records its consumer polls and calls a record listener for each before
 * taking the next, so the wrapped consumer's record checkpoint is current while the listener runs.
 */
public final class KafkaInstrumentation extends InstrumentingPostProcessor {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(KafkaInstrumentation.class.getName());

  /**
   * Creates the post-processor.
   *
   * @param recorder the recorder, looked up when the first client is created
   */
  public KafkaInstrumentation(ObjectProvider<Instrumenter> recorder) {
    super(recorder);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    try {
      if (bean instanceof ProducerFactory<?, ?> producers) {
        instrument(producers);
      } else if (bean instanceof ConsumerFactory<?, ?> consumers) {
        instrument(consumers);
      }
    } catch (RuntimeException e) {
      LOG.failed("Instrumenting the Kafka client factory '" + beanName + "'", e);
    }
    return bean;
  }

  private <K, V> void instrument(ProducerFactory<K, V> factory) {
    factory.addPostProcessor(producer -> wrap(producer));
  }

  private <K, V> void instrument(ConsumerFactory<K, V> factory) {
    factory.addPostProcessor(consumer -> wrap(consumer));
  }

  // A client that cannot be wrapped is used as it is: the application never fails because of us.
  private <K, V> Producer<K, V> wrap(Producer<K, V> producer) {
    try {
      return CheckpointKafka.wrap(producer, recorder.getObject());
    } catch (RuntimeException e) {
      LOG.failed("Instrumenting a Kafka producer", e);
      return producer;
    }
  }

  private <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer) {
    try {
      return CheckpointKafka.wrap(consumer, recorder.getObject());
    } catch (RuntimeException e) {
      LOG.failed("Instrumenting a Kafka consumer", e);
      return consumer;
    }
  }
}
