package dev.checkpoint.core.export;

import java.time.Duration;

/**
 * Bounds and timing of the export queue shared by every exporter.
 *
 * @param maxQueueSize checkpoints waiting at most; more are dropped and counted
 * @param maxQueueBytes estimated bytes waiting at most; more are dropped and counted
 * @param maxBatchSize checkpoints per batch at most
 * @param maxBatchBytes estimated bytes per batch at most (the server's body limit is 16 MiB)
 * @param exportInterval how long a partial batch waits before it is sent
 * @param maxAttempts attempts per batch before it is dropped, at least 1
 * @param initialBackoff wait after the first failed attempt; doubles after each further one
 * @param maxBackoff longest wait between attempts
 * @param requestTimeout how long one attempt may take
 */
public record ExportSettings(
    int maxQueueSize,
    long maxQueueBytes,
    int maxBatchSize,
    long maxBatchBytes,
    Duration exportInterval,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration requestTimeout) {

  /** The defaults: 2048 checkpoints or 16 MiB queued, batches of 512 or 4 MiB every second. */
  public static final ExportSettings DEFAULTS =
      new ExportSettings(
          2048,
          16L << 20,
          512,
          4L << 20,
          Duration.ofSeconds(1),
          5,
          Duration.ofMillis(200),
          Duration.ofSeconds(10),
          Duration.ofSeconds(10));

  /** Validates the bounds. */
  public ExportSettings {
    requirePositive(maxQueueSize, "maxQueueSize");
    requirePositive(maxQueueBytes, "maxQueueBytes");
    requirePositive(maxBatchSize, "maxBatchSize");
    requirePositive(maxBatchBytes, "maxBatchBytes");
    requirePositive(maxAttempts, "maxAttempts");
    requirePositive(exportInterval.toMillis(), "exportInterval");
    requirePositive(initialBackoff.toMillis(), "initialBackoff");
    requirePositive(maxBackoff.toMillis(), "maxBackoff");
    requirePositive(requestTimeout.toMillis(), "requestTimeout");
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
