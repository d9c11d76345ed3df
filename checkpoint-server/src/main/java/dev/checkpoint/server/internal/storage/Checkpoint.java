package dev.checkpoint.server.internal.storage;

/**
 * One recorded call as stored. JSON-valued fields hold JSON text exactly as received, or null.
 *
 * @param startNanos Unix nanoseconds
 * @param endNanos Unix nanoseconds, never before {@code startNanos}
 */
public record Checkpoint(
    String traceId,
    String id,
    String parentId,
    String runId,
    String service,
    String instance,
    String kind,
    String name,
    long startNanos,
    long endNanos,
    String thread,
    String input,
    String output,
    String error,
    String attributes,
    String truncated,
    String redacted,
    String batchId) {

  /** This checkpoint without its payloads. */
  public CheckpointOutline outline() {
    return new CheckpointOutline(
        traceId, id, parentId, runId, service, kind, name, startNanos, endNanos, error != null);
  }
}
