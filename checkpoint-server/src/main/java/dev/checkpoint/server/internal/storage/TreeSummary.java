package dev.checkpoint.server.internal.storage;

/**
 * One tree of a run, summarised.
 *
 * @param root the earliest checkpoint without a parent, or the earliest one if every checkpoint
 *     received so far has a parent (the root has not arrived yet); without its payloads: input,
 *     output, attributes, truncated and redacted are null
 */
public record TreeSummary(
    String traceId,
    Checkpoint root,
    int serviceCount,
    int checkpointCount,
    long startNanos,
    long endNanos,
    int errorCount) {}
