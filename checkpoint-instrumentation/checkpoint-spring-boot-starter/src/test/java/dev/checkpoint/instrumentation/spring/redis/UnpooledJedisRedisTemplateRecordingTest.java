package dev.checkpoint.instrumentation.spring.redis;

import org.springframework.test.context.TestPropertySource;

/** Jedis without a pool: a connection per use, recorded all the same. */
@TestPropertySource(
    properties = {
      "spring.data.redis.client-type=jedis",
      "spring.data.redis.jedis.pool.enabled=false"
    })
class UnpooledJedisRedisTemplateRecordingTest extends RedisTemplateRecordingTest {}
