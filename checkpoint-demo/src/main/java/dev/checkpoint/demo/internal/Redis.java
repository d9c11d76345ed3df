package dev.checkpoint.demo.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisURIHelper;

/** Where a service meets Redis: the shop keeps every key under {@value #PREFIX}. */
public final class Redis {
  /** The prefix of every key the shop writes; other users of the same Redis keep theirs. */
  public static final String PREFIX = "checkpoint-demo:";

  private static final int TIMEOUT_MS = 2_000;

  private Redis() {}

  /**
   * Connects, deletes the shop's keys left from an earlier start (only those under {@link #PREFIX},
   * unrecorded: each start of the shop begins with an empty cache, as it begins with a fresh
   * database), or says why not.
   *
   * @param url such as {@code redis://127.0.0.1:6379}, with credentials and a database number when
   *     needed ({@code redis://user:secret@host:6379/2})
   * @param instrumentation records the application's commands, or not
   * @param problem receives the reason when there is no connection
   * @return the client, or empty when Redis is not reachable
   */
  public static Optional<JedisPooled> connect(
      String url, Instrumentation instrumentation, Consumer<String> problem) {
    try {
      Endpoint endpoint = Endpoint.of(url);
      try (Jedis plain = new Jedis(endpoint.address(), endpoint.config())) {
        deleteShopKeys(plain);
      }
      return Optional.of(instrumentation.redis(endpoint.address(), endpoint.config()));
    } catch (RuntimeException e) {
      problem.accept(Kafka.reason(e));
      return Optional.empty();
    }
  }

  /**
   * Deletes the shop's keys, as a start of orders does: a test that replays orders from a recording
   * made on an empty cache empties it before each round of replays.
   *
   * @param url such as {@code redis://127.0.0.1:6379}
   */
  public static void deleteShopKeys(String url) {
    Endpoint endpoint = Endpoint.of(url);
    try (Jedis plain = new Jedis(endpoint.address(), endpoint.config())) {
      deleteShopKeys(plain);
    }
  }

  private record Endpoint(HostAndPort address, JedisClientConfig config) {
    static Endpoint of(String url) {
      URI uri = URI.create(url);
      if (!JedisURIHelper.isValid(uri)) {
        throw new IllegalArgumentException("'" + url + "' is not a redis://host:port URL");
      }
      return new Endpoint(
          JedisURIHelper.getHostAndPort(uri),
          DefaultJedisClientConfig.builder()
              .user(JedisURIHelper.getUser(uri))
              .password(JedisURIHelper.getPassword(uri))
              .database(JedisURIHelper.getDBIndex(uri))
              .connectionTimeoutMillis(TIMEOUT_MS)
              .socketTimeoutMillis(TIMEOUT_MS)
              .build());
    }
  }

  /** SCAN and DEL, never FLUSHDB: the Redis may be shared with other applications and tests. */
  private static void deleteShopKeys(Jedis jedis) {
    ScanParams match = new ScanParams().match(PREFIX + "*").count(500);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = jedis.scan(cursor, match);
      List<String> keys = page.getResult();
      if (!keys.isEmpty()) {
        jedis.del(keys.toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
  }

  /** Where Redis is, without the password. */
  public static String describe(String url) {
    return url.replaceAll("//[^@/]*@", "//");
  }
}
