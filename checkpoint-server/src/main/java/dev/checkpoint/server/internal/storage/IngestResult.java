package dev.checkpoint.server.internal.storage;

/**
 * What a committed batch changed.
 *
 * @param accepted checkpoints stored by this batch
 * @param duplicates checkpoints that were already stored (a retried batch) or repeated in it
 */
public record IngestResult(int accepted, int duplicates) {}
