package dev.checkpoint.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.checkpoint.instrumentation.messaging.CheckpointChannel;
import dev.checkpoint.instrumentation.redis.JedisCheckpoints;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * {@code @CheckpointReplay} with a Redis cache and a RabbitMQ publish: the first run records them
 * against the real servers on 127.0.0.1, later runs answer the Redis commands from the asset (the
 * key no longer exists in Redis, and the cached value does not reach it) and check the publish
 * against the recorded one without sending it; a changed publish, and one no longer made, fail the
 * test saying what differs.
 */
class CacheAndPublishReplayTest {

  private static final HostAndPort REDIS = new HostAndPort("127.0.0.1", 6379);
  private static final JedisClientConfig CONFIG =
      DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000).build();

  /** The component's knobs, set by each run. */
  static String key;

  static String queue;
  static int priceCents;
  static String currency;
  static boolean announces;

  /**
   * A price cache, cache-aside: reads Redis, on a miss takes the price (here: the knob), caches it
   * and announces it on a queue.
   */
  static final class PriceCache {
    private final Jedis redis;
    private final Channel channel;

    PriceCache(Jedis redis, Channel channel) {
      this.redis = redis;
      this.channel = channel;
    }

    int price() throws Exception {
      String cached = redis.get(key);
      if (cached != null) {
        return Integer.parseInt(cached);
      }
      redis.set(key, Integer.toString(priceCents));
      if (announces) {
        channel.basicPublish(
            "",
            queue,
            null,
            ("{\"sku\":\"BOOK-1\",\"priceCents\":"
                    + priceCents
                    + ",\"currency\":\""
                    + currency
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8));
      }
      return priceCents;
    }
  }

  @CheckpointReplay(scenario = "redis", step = "price-cache")
  static class PriceCacheTest {
    @Test
    void cachesOnAMiss(Replay replay) throws Exception {
      ConnectionFactory factory = new ConnectionFactory();
      try (Jedis redis = new Jedis(JedisCheckpoints.connect(REDIS, CONFIG, replay.recorder()));
          Connection connection = factory.newConnection();
          Channel channel = CheckpointChannel.wrap(connection.createChannel(), replay.recorder())) {
        assertThat(new PriceCache(redis, channel).price()).isEqualTo(priceCents);
      }
    }
  }

  @TempDir Path assets;
  private Jedis redis;
  private Connection rabbit;
  private Channel channel;

  @BeforeEach
  void connect() throws Exception {
    RequiredService.connect(
        "Redis at 127.0.0.1:6379",
        "Start it with: scripts/services.sh.",
        () -> {
          try (Jedis probe = new Jedis(REDIS, CONFIG)) {
            return probe.ping();
          }
        });
    RequiredService.connect(
        "RabbitMQ at 127.0.0.1:5672",
        "Start it with: scripts/services.sh.",
        () -> {
          new ConnectionFactory().newConnection().close();
          return "up";
        });
    redis = new Jedis(REDIS, CONFIG);
    rabbit = new ConnectionFactory().newConnection();
    channel = rabbit.createChannel();
    key = "checkpoint-junit:price:" + UUID.randomUUID();
    queue = channel.queueDeclare().getQueue();
    priceCents = 1250;
    currency = "EUR";
    announces = true;
  }

  @AfterEach
  void disconnect() throws Exception {
    redis.del(key);
    redis.close();
    rabbit.close();
  }

  private Events run() {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(PriceCacheTest.class))
        .configurationParameter("checkpoint.ci", "false")
        .configurationParameter("checkpoint.update", "false")
        .configurationParameter("checkpoint.assets.dir", assets.toString())
        .execute()
        .testEvents();
  }

  /** Records against the real servers, then leaves them as if nothing had happened. */
  private void record() throws Exception {
    Events recording = run();
    recording.failed().assertThatEvents().isEmpty();
    assertThat(assets.resolve("redis/price-cache.json")).exists();
    assertThat(redis.get(key)).as("recording reaches Redis").isEqualTo("1250");
    assertThat(channel.basicGet(queue, true)).as("and RabbitMQ").isNotNull();
    redis.del(key);
  }

  private String failure(Events events) {
    return events.failed().stream()
        .findFirst()
        .orElseThrow()
        .getRequiredPayload(TestExecutionResult.class)
        .getThrowable()
        .orElseThrow()
        .getMessage();
  }

  @Test
  void redisCommandsAreAnsweredAndThePublishIsCheckedWithoutReachingEitherServer()
      throws Exception {
    record();

    Events replay = run();

    replay.failed().assertThatEvents().isEmpty();
    replay.assertStatistics(stats -> stats.succeeded(1));
    assertThat(redis.get(key)).as("the replayed SET did not reach Redis").isNull();
    assertThat(channel.basicGet(queue, true)).as("nor the publish RabbitMQ").isNull();
  }

  @Test
  void aChangedPublishFailsWithThePathThatChanged() throws Exception {
    record();
    currency = "NOK";

    String message = failure(run());

    assertThat(message)
        .startsWith("Unexpected MESSAGE call publish to '' with routing key '")
        .contains("no recorded call in redis/price-cache.json matches it")
        .contains("~ /body/currency: \"EUR\" -> \"NOK\"");
    assertThat(channel.basicGet(queue, true)).isNull();
  }

  @Test
  void aPublishNoLongerMadeFailsAStrictReplay() throws Exception {
    record();
    announces = false;

    String message = failure(run());

    assertThat(message)
        .startsWith("1 recorded call in redis/price-cache.json was never made (strict replay):\n")
        .contains("test/MESSAGE_PUBLISH/PUBLISH ")
        .contains(": publish to '' with routing key '")
        .endsWith("to allow unused calls, set @CheckpointReplay(strict = false).");
  }
}
