package dev.checkpoint.core.export;

/**
 * An exporter's counters since it started.
 *
 * @param queued checkpoints waiting to be exported now
 * @param exported checkpoints the destination accepted
 * @param dropped checkpoints given up: queue full, retries exhausted, rejected, or after shutdown
 * @param exportedBatches batches the destination accepted
 * @param failedBatches batches given up after their last attempt
 */
public record ExporterStats(
    long queued, long exported, long dropped, long exportedBatches, long failedBatches) {}
