package dev.checkpoint.core.model;

import dev.checkpoint.CheckpointId;
import dev.checkpoint.TraceId;
import java.util.concurrent.ThreadLocalRandom;

/** New random tree and checkpoint ids, in the shapes {@link TraceId} and {@link CheckpointId}. */
public final class Ids {

  private Ids() {}

  /**
   * A random tree (trace) id.
   *
   * @return 32 lowercase hex digits, not all zero
   */
  public static String newTraceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high;
    long low;
    do {
      high = random.nextLong();
      low = random.nextLong();
    } while (high == 0 && low == 0);
    return TraceId.fromLongs(high, low);
  }

  /**
   * A random checkpoint (span) id.
   *
   * @return 16 lowercase hex digits, not all zero
   */
  public static String newCheckpointId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long value;
    do {
      value = random.nextLong();
    } while (value == 0);
    return CheckpointId.fromLong(value);
  }
}
