package dev.checkpoint.instrumentation.redis;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** The Redis test kit through Jedis: a {@code JedisPooled} of recording connections. */
class JedisInstrumentationTest extends RedisInstrumentationTestKit {

  @Override
  RedisClient open(Instrumenter recorder) throws Exception {
    HostAndPort address = new HostAndPort("127.0.0.1", 6379);
    DefaultJedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(2_000)
            .socketTimeoutMillis(5_000)
            .build();
    RequiredService.connect(
        REDIS,
        START_REDIS,
        () -> {
          try (redis.clients.jedis.Jedis probe = new redis.clients.jedis.Jedis(address, config)) {
            return probe.ping();
          }
        });
    return new Jedis(
        new JedisPooled(JedisCheckpoints.pooledConnections(address, config, recorder)));
  }

  @Override
  String discardedCommandMark() {
    return "discarded";
  }

  private record Jedis(JedisPooled jedis) implements RedisClient {

    @Override
    public String set(String key, String value) {
      return jedis.set(key, value);
    }

    @Override
    public String get(String key) {
      return jedis.get(key);
    }

    @Override
    public long hset(String key, Map<String, String> fields) {
      return jedis.hset(key, fields);
    }

    @Override
    public Map<String, String> hgetall(String key) {
      return jedis.hgetAll(key);
    }

    @Override
    public long rpush(String key, String... values) {
      return jedis.rpush(key, values);
    }

    @Override
    public List<String> lrange(String key) {
      return jedis.lrange(key, 0, -1);
    }

    @Override
    public long incr(String key) {
      return jedis.incr(key);
    }

    @Override
    public long del(String... keys) {
      return jedis.del(keys);
    }

    @Override
    public List<Object> setAndIncrementInTransaction(String key, String value, String counter) {
      try (AbstractTransaction transaction = jedis.multi()) {
        transaction.set(key, value);
        transaction.incr(counter);
        return transaction.exec();
      }
    }

    @Override
    public void setInDiscardedTransaction(String key, String value) {
      try (AbstractTransaction transaction = jedis.multi()) {
        transaction.set(key, value);
        transaction.discard();
      }
    }

    @Override
    public List<String> pipelinedGets(Runnable beforeLast, String... keys) {
      try (Pipeline pipeline = jedis.pipelined()) {
        List<Response<String>> responses = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
          if (i == keys.length - 1) {
            beforeLast.run();
          }
          responses.add(pipeline.get(keys[i]));
        }
        pipeline.sync();
        List<String> values = new ArrayList<>();
        responses.forEach(response -> values.add(response.get()));
        return values;
      }
    }

    @Override
    public void close() {
      jedis.close();
    }
  }
}
