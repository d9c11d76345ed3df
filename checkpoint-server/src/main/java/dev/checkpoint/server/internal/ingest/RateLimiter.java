package dev.checkpoint.server.internal.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client key (an ingest token, or the address of an anonymous client), holding
 * up to one second's worth of requests. Kept in memory: with several servers each one limits on its
 * own, which bounds the load per server and that is what it protects.
 */
public final class RateLimiter {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final double perSecond;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param perSecond requests allowed per second and key; 0 or less turns limiting off
   */
  public RateLimiter(double perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
  }

  /** Takes one request; returns 0 if allowed, else the whole seconds to wait before retrying. */
  public long acquire(String key) {
    if (perSecond <= 0) {
      return 0;
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(nanoTime.getAsLong())).take();
  }

  private final class Bucket {
    private final double capacity = Math.max(1, perSecond);
    private double tokens = capacity;
    private long refilledAt;

    Bucket(long now) {
      refilledAt = now;
    }

    synchronized long take() {
      long now = nanoTime.getAsLong();
      tokens = Math.min(capacity, tokens + (now - refilledAt) * perSecond / NANOS_PER_SECOND);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perSecond);
    }
  }
}
