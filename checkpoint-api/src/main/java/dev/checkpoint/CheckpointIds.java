package dev.checkpoint;

import dev.checkpoint.internal.RecorderHolder;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Random ids, as seen by Checkpoint: while a tree is recorded, the ids the application generates
 * are kept with it, and when the tree is replayed the same ids are given back, so that outputs
 * holding generated ids replay unchanged. While recording is off it is {@link UUID#randomUUID()} at
 * the cost of one volatile read.
 *
 * <pre>{@code
 * Supplier<UUID> ids = CheckpointIds.random();   // a bean, with the Spring Boot starter
 * String orderId = ids.get().toString();
 * }</pre>
 */
public final class CheckpointIds implements Supplier<UUID> {

  private static final CheckpointIds RANDOM = new CheckpointIds();

  private CheckpointIds() {}

  /**
   * The id supplier.
   *
   * @return the supplier
   */
  public static CheckpointIds random() {
    return RANDOM;
  }

  /**
   * A random id, kept with the tree being recorded or given back from the one being replayed.
   *
   * @return the id
   */
  public static UUID randomUUID() {
    return RecorderHolder.get().uuid(UUID.randomUUID());
  }

  @Override
  public UUID get() {
    return randomUUID();
  }

  @Override
  public String toString() {
    return "CheckpointIds.random()";
  }
}
