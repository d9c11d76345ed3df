package dev.checkpoint.demo.internal.orders;

import dev.checkpoint.demo.internal.Json;
import dev.checkpoint.demo.internal.Redis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The catalogue's products cached in Redis under {@code checkpoint-demo:product:<id>} for {@value
 * #TTL_SECONDS} seconds. Without Redis, or when a command fails, every read is a miss: the price
 * comes from SQL and the order goes on.
 */
public final class PriceCache {
  /** How long a cached product is kept. */
  public static final long TTL_SECONDS = 300;

  private static final String KEY_PREFIX = Redis.PREFIX + "product:";

  private final UnifiedJedis redis;

  private PriceCache(UnifiedJedis redis) {
    this.redis = redis;
  }

  /**
   * A cache in Redis.
   *
   * @param redis the (recording) client
   * @return the cache
   */
  public static PriceCache redis(UnifiedJedis redis) {
    return new PriceCache(redis);
  }

  /**
   * No cache: every read is a miss.
   *
   * @return the cache
   */
  public static PriceCache none() {
    return new PriceCache(null);
  }

  /**
   * A cached product.
   *
   * @param productId the product
   * @return the product, or empty on a miss
   */
  Optional<CachedProduct> get(String productId) {
    if (redis == null) {
      return Optional.empty();
    }
    try {
      String value = redis.get(KEY_PREFIX + productId);
      return value == null
          ? Optional.empty()
          : Optional.of(Json.read(value.getBytes(StandardCharsets.UTF_8), CachedProduct.class));
    } catch (JedisException | IOException e) {
      System.err.println("orders: price cache read failed, reading SQL instead: " + e);
      return Optional.empty();
    }
  }

  /**
   * Caches a product for {@value #TTL_SECONDS} seconds.
   *
   * @param productId the product
   * @param product its name and price
   */
  void put(String productId, CachedProduct product) {
    if (redis == null) {
      return;
    }
    try {
      redis.set(
          KEY_PREFIX + productId,
          new String(Json.bytes(product), StandardCharsets.UTF_8),
          SetParams.setParams().ex(TTL_SECONDS));
    } catch (JedisException e) {
      System.err.println("orders: price cache write failed, the next read goes to SQL: " + e);
    }
  }

  /**
   * What the cache keeps of a product.
   *
   * @param name its name
   * @param priceCents the price of one
   */
  record CachedProduct(String name, long priceCents) {}
}
