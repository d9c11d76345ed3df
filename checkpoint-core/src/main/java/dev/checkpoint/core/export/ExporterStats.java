package dev.checkpoint.core.export;

/**
 * An exporter's counters since it started.
 *
 * @param queued checkpoints waiting to be exported now, those in the batch being sent included
 * @param exported checkpoints the destination accepted
 * @param dropped checkpoints given up: queue full, retry window passed, rejected, or at shutdown
 * @param exportedBatches batches the destination accepted
 * @param failedBatches batches given up after their last attempt
 */
public record ExporterStats(
    long queued, long exported, long dropped, long exportedBatches, long failedBatches) {}
