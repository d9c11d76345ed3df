/**
 * Records Redis commands sent with Lettuce ({@link
 * dev.checkpoint.instrumentation.redis.LettuceCheckpoints}) or Jedis ({@link
 * dev.checkpoint.instrumentation.redis.JedisCheckpoints}) as {@code CACHE} checkpoints.
 */
package dev.checkpoint.instrumentation.redis;
