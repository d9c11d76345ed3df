package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.redis.LettuceCheckpoints;
import dev.checkpoint.instrumentation.spring.internal.JedisInstrumentation;
import dev.checkpoint.instrumentation.spring.internal.LettuceInstrumentation;
import io.lettuce.core.RedisClient;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import redis.clients.jedis.Jedis;

/**
 * Records the Redis commands of Spring Data Redis's connection factories ({@code
 * StringRedisTemplate}, {@code RedisTemplate}, Redis repositories) as {@code CACHE} checkpoints
 * with {@code checkpoint-redis}: Lettuce's with its command listener on the client each factory
 * builds, Jedis's (standalone) with its recording connection under a factory put in place of the
 * application's. Switched off with {@code checkpoint.redis.enabled=false}.
 */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "checkpoint.redis.enabled", matchIfMissing = true)
@ConditionalOnClass({RedisConnectionFactory.class, LettuceCheckpoints.class})
@ConditionalOnBean(CheckpointRecorder.class)
public final class CheckpointRedisAutoConfiguration {

  /** Created by Spring. */
  public CheckpointRedisAutoConfiguration() {}

  /** Lettuce, Spring Data Redis's default client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({LettuceConnectionFactory.class, RedisClient.class})
  static final class Lettuce {

    // Static: a post-processor is created before the other beans, and must not pull them in early.
    @Bean
    static LettuceInstrumentation checkpointLettuceInstrumentation(
        ObjectProvider<Instrumenter> recorder) {
      return new LettuceInstrumentation(recorder);
    }
  }

  /** Jedis. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({JedisConnectionFactory.class, Jedis.class, GenericObjectPool.class})
  static final class JedisClient {

    @Bean
    static JedisInstrumentation checkpointJedisInstrumentation(
        ObjectProvider<Instrumenter> recorder) {
      return new JedisInstrumentation(recorder);
    }
  }
}
