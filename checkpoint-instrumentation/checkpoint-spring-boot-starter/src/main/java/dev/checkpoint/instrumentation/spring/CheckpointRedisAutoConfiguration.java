package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.redis.LettuceCheckpoints;
import dev.checkpoint.instrumentation.spring.internal.LettuceInstrumentation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Records the Redis commands of Spring Data Redis's Lettuce connection factories ({@code
 * StringRedisTemplate}, {@code RedisTemplate}, Redis repositories) as {@code CACHE} checkpoints,
 * with {@code checkpoint-redis}'s command listener on the client each factory builds. Switched off
 * with {@code checkpoint.redis.enabled=false}.
 */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "checkpoint.redis.enabled", matchIfMissing = true)
@ConditionalOnClass({LettuceConnectionFactory.class, LettuceCheckpoints.class})
@ConditionalOnBean(CheckpointRecorder.class)
public final class CheckpointRedisAutoConfiguration {

  /** Created by Spring. */
  public CheckpointRedisAutoConfiguration() {}

  // Static: a post-processor is created before the other beans, and must not pull them in early.
  @Bean
  static LettuceInstrumentation checkpointLettuceInstrumentation(
      ObjectProvider<Instrumenter> recorder) {
    return new LettuceInstrumentation(recorder);
  }
}
