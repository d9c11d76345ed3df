package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.kafka.CheckpointKafka;
import dev.checkpoint.instrumentation.spring.internal.KafkaInstrumentation;
import dev.checkpoint.instrumentation.spring.internal.KafkaListenerContainers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Records Spring Kafka's messaging with {@code checkpoint-kafka}: every send of a producer factory
 * bean's producers ({@code KafkaTemplate}'s) as a {@code MESSAGE_PUBLISH} checkpoint carrying the
 * tree in the record headers, and each record the consumers of a consumer factory bean hand to a
 * record listener ({@code @KafkaListener}) as a {@code MESSAGE_CONSUME} checkpoint in the
 * producer's tree, current while the listener runs, with the listener's exception as its error;
 * each call of a batch listener as a {@code CONSUME BATCH} checkpoint with one {@code
 * MESSAGE_CONSUME} checkpoint per record under it. Switched off with {@code
 * checkpoint.kafka.enabled=false}.
 */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "checkpoint.kafka.enabled", matchIfMissing = true)
@ConditionalOnClass({ProducerFactory.class, CheckpointKafka.class})
@ConditionalOnBean(CheckpointRecorder.class)
public final class CheckpointKafkaAutoConfiguration {

  /** Created by Spring. */
  public CheckpointKafkaAutoConfiguration() {}

  // Static: a post-processor is created before the other beans, and must not pull them in early.
  @Bean
  static KafkaInstrumentation checkpointKafkaInstrumentation(
      ObjectProvider<Instrumenter> recorder) {
    return new KafkaInstrumentation(recorder);
  }

  @Bean
  KafkaListenerContainers checkpointKafkaListenerContainers(
      ObjectProvider<KafkaListenerEndpointRegistry> registries,
      ObjectProvider<Instrumenter> recorder) {
    return new KafkaListenerContainers(registries, recorder);
  }
}
