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

  /**
   * The characters of its input, output, error and attributes together: what reading it with its
   * payloads weighs, as {@link CheckpointStore#traceSize} counts it.
   */
  public long payloadChars() {
    return length(input) + length(output) + length(error) + length(attributes);
  }

  private static int length(String text) {
    return text == null ? 0 : text.length();
  }

  /** This checkpoint without its payloads. */
  public CheckpointOutline outline() {
    return new CheckpointOutline(
        traceId, id, parentId, runId, service, kind, name, startNanos, endNanos, error != null);
  }
}
