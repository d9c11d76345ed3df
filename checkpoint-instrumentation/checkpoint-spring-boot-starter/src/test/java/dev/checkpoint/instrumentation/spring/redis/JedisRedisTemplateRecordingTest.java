package dev.checkpoint.instrumentation.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.test.context.TestPropertySource;

/**
 * The same application on Jedis, pooled (Spring Boot's default with Jedis): the same checkpoints as
 * on Lettuce.
 */
@TestPropertySource(properties = "spring.data.redis.client-type=jedis")
class JedisRedisTemplateRecordingTest extends RedisTemplateRecordingTest {

  @Autowired private RedisConnectionFactory connectionFactory;

  @Test
  void theApplicationStillHasAJedisConnectionFactoryWithItsSettings() {
    assertThat(connectionFactory).isInstanceOf(JedisConnectionFactory.class);
    JedisConnectionFactory jedis = (JedisConnectionFactory) connectionFactory;
    assertThat(jedis.getUsePool()).isTrue();
    assertThat(jedis.getHostName()).isEqualTo("127.0.0.1");
    assertThat(jedis.getPort()).isEqualTo(6379);
  }
}
