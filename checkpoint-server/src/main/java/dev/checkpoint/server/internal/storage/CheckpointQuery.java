package dev.checkpoint.server.internal.storage;

/**
 * Filters for searching checkpoints; null fields do not filter.
 *
 * @param nameContains case-insensitive substring of the checkpoint name
 * @param fromNanos inclusive lower bound of the start time
 * @param toNanos exclusive upper bound of the start time
 * @param text case-insensitive substring of input, output or error (at least 3 characters, the size
 *     of a trigram)
 */
public record CheckpointQuery(
    String runId,
    String service,
    String kind,
    String nameContains,
    Long fromNanos,
    Long toNanos,
    String text) {}
