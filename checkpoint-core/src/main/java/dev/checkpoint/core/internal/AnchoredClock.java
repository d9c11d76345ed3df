package dev.checkpoint.core.internal;

import java.time.Instant;

/**
 * Wall-clock time in epoch nanoseconds with {@link System#nanoTime()} precision: read the wall
 * clock once, then add monotonic elapsed time, so durations are exact and never negative.
 */
public final class AnchoredClock {

  private static final long ANCHOR_EPOCH_NANOS = epochNanos(Instant.now());
  private static final long ANCHOR_NANO_TIME = System.nanoTime();

  private AnchoredClock() {}

  /**
   * Now.
   *
   * @return nanoseconds since the Unix epoch
   */
  public static long nowEpochNanos() {
    return ANCHOR_EPOCH_NANOS + (System.nanoTime() - ANCHOR_NANO_TIME);
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
