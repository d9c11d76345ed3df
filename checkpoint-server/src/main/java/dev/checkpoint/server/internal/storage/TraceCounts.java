package dev.checkpoint.server.internal.storage;

import java.util.List;
import java.util.Map;

/**
 * How much of a trace has arrived, counted without reading a checkpoint: cheap enough to poll while
 * services are still exporting.
 *
 * @param byKind checkpoints per kind, kinds in name order
 * @param services the services that recorded checkpoints, in name order
 * @param startNanos the earliest start, Unix nanoseconds
 * @param endNanos the latest end, Unix nanoseconds
 */
public record TraceCounts(
    String traceId,
    int checkpointCount,
    int errorCount,
    Map<String, Integer> byKind,
    List<String> services,
    long startNanos,
    long endNanos) {}
