package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import dev.checkpoint.instrumentation.spring.internal.RabbitInstrumentation;
import dev.checkpoint.instrumentation.spring.internal.RabbitListenerContainers;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Records Spring AMQP's RabbitMQ messaging with {@code checkpoint-messaging}: every publish through
 * a connection factory bean (a {@code RabbitTemplate}'s) as a {@code MESSAGE_PUBLISH} checkpoint
 * carrying the tree in its headers, and each message a listener container (every
 * {@code @RabbitListener}'s, and those declared as beans) delivers as a {@code MESSAGE_CONSUME}
 * checkpoint in the publisher's tree, around the listener. Switched off with {@code
 * checkpoint.amqp.enabled=false}.
 */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "checkpoint.amqp.enabled", matchIfMissing = true)
@ConditionalOnClass({AbstractConnectionFactory.class, RabbitMqRecording.class})
@ConditionalOnBean(CheckpointRecorder.class)
public final class CheckpointAmqpAutoConfiguration {

  /** Created by Spring. */
  public CheckpointAmqpAutoConfiguration() {}

  @Bean
  RabbitMqRecording checkpointRabbitMqRecording(Instrumenter recorder) {
    return RabbitMqRecording.create(recorder);
  }

  // Static: a post-processor is created before the other beans, and must not pull them in early.
  @Bean
  static RabbitInstrumentation checkpointRabbitInstrumentation(
      ObjectProvider<RabbitMqRecording> recording) {
    return new RabbitInstrumentation(recording);
  }

  @Bean
  RabbitListenerContainers checkpointRabbitListenerContainers(
      ObjectProvider<RabbitListenerEndpointRegistry> registries, RabbitMqRecording recording) {
    return new RabbitListenerContainers(registries, recording);
  }
}
