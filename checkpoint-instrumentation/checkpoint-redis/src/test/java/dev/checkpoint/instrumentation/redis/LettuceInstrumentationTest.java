package dev.checkpoint.instrumentation.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.instrumentation.testkit.ReplayRecordings;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Redis test kit through Lettuce: the synchronous API, and the asynchronous one to pipeline;
 * and the reactive one in replay.
 */
class LettuceInstrumentationTest extends RedisInstrumentationTestKit {

  @Override
  RedisClient open(Instrumenter recorder) throws Exception {
    io.lettuce.core.RedisClient client =
        io.lettuce.core.RedisClient.create(
            RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(6379)
                .withTimeout(Duration.ofSeconds(5))
                .build());
    LettuceCheckpoints.register(client, recorder);
    StatefulRedisConnection<String, String> connection;
    try {
      connection = RequiredService.connect(REDIS, START_REDIS, client::connect);
    } catch (Exception | Error e) {
      client.shutdown();
      throw e;
    }
    return new Lettuce(client, connection);
  }

  @Test
  void theReactiveApiIsAnsweredFromTheRecordingToo() throws Exception {
    Recorded recorded = recordCacheWork();
    ReplayLedger ledger = ReplayRecordings.testLedger(recordings);

    try (Lettuce redis =
        (Lettuce)
            open(ReplayRecordings.testReplayer(capture(), InMemoryExporter.create(), ledger))) {
      RedisReactiveCommands<String, String> reactive = redis.connection().reactive();
      assertThat(reactive.set(recorded.price(), "12.50").block()).isEqualTo("OK");
      assertThat(reactive.get(recorded.price()).block())
          .as("the key is gone from Redis: the recorded reply")
          .isEqualTo("12.50");
    }
    assertThat(ledger.failures()).isEmpty();
  }

  /**
   * Lettuce ends the commands of a discarded transaction as it ends those that ran and returned
   * nothing (it completes them while sending DISCARD), so they stay marked as queued only.
   */
  @Override
  String discardedCommandMark() {
    return "queued";
  }

  private record Lettuce(
      io.lettuce.core.RedisClient client, StatefulRedisConnection<String, String> connection)
      implements RedisClient {

    private RedisCommands<String, String> sync() {
      return connection.sync();
    }

    @Override
    public String set(String key, String value) {
      return sync().set(key, value);
    }

    @Override
    public String get(String key) {
      return sync().get(key);
    }

    @Override
    public long hset(String key, Map<String, String> fields) {
      return sync().hset(key, fields);
    }

    @Override
    public Map<String, String> hgetall(String key) {
      return sync().hgetall(key);
    }

    @Override
    public long rpush(String key, String... values) {
      return sync().rpush(key, values);
    }

    @Override
    public List<String> lrange(String key) {
      return sync().lrange(key, 0, -1);
    }

    @Override
    public long incr(String key) {
      return sync().incr(key);
    }

    @Override
    public long del(String... keys) {
      return sync().del(keys);
    }

    @Override
    public List<Object> setAndIncrementInTransaction(String key, String value, String counter) {
      sync().multi();
      sync().set(key, value);
      sync().incr(counter);
      TransactionResult result = sync().exec();
      List<Object> results = new ArrayList<>();
      result.forEach(results::add);
      return results;
    }

    @Override
    public void setInDiscardedTransaction(String key, String value) {
      sync().multi();
      sync().set(key, value);
      sync().discard();
    }

    @Override
    public List<String> pipelinedGets(Runnable beforeLast, String... keys) {
      RedisAsyncCommands<String, String> async = connection.async();
      connection.setAutoFlushCommands(false);
      try {
        List<RedisFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
          if (i == keys.length - 1) {
            beforeLast.run();
          }
          futures.add(async.get(keys[i]));
        }
        connection.flushCommands();
        LettuceFutures.awaitAll(5, TimeUnit.SECONDS, futures.toArray(RedisFuture[]::new));
        List<String> values = new ArrayList<>();
        for (RedisFuture<String> future : futures) {
          values.add(future.get());
        }
        return values;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        connection.setAutoFlushCommands(true);
      }
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
