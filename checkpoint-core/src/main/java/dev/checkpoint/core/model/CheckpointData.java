package dev.checkpoint.core.model;

import dev.checkpoint.Kind;
import java.util.List;
import java.util.Objects;

/**
 * One recorded call, immutable, as it is exported. Field names and meanings follow the wire format
 * in DESIGN.md.
 *
 * @param id the checkpoint id: 16 lowercase hex digits
 * @param traceId the tree's id: 32 lowercase hex digits
 * @param parentId the parent checkpoint's id, {@code null} at a root
 * @param runId the run this checkpoint belongs to, {@code null} outside a run
 * @param service the service that recorded it
 * @param kind what sort of call it was
 * @param name the call's name, such as {@code POST /payments}
 * @param startEpochNanos start time in nanoseconds since the Unix epoch
 * @param endEpochNanos end time in nanoseconds since the Unix epoch
 * @param thread the name of the thread that started it
 * @param input the captured input, {@code null} when none was recorded
 * @param output the captured output, {@code null} when none was recorded
 * @param error the error outcome, {@code null} when the call succeeded
 * @param attributes a JSON object of attributes, never {@code null}
 * @param truncated paths of values cut at the capture limit, such as {@code output.body}
 * @param redacted paths of values replaced by {@code [REDACTED]}
 */
public record CheckpointData(
    String id,
    String traceId,
    String parentId,
    String runId,
    String service,
    Kind kind,
    String name,
    long startEpochNanos,
    long endEpochNanos,
    String thread,
    Payload input,
    Payload output,
    ErrorData error,
    Payload attributes,
    List<String> truncated,
    List<String> redacted) {

  /** Validates required fields and copies the lists. */
  public CheckpointData {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(attributes, "attributes");
    truncated = List.copyOf(truncated);
    redacted = List.copyOf(redacted);
  }

  /**
   * How long the call took.
   *
   * @return end minus start, in nanoseconds
   */
  public long durationNanos() {
    return endEpochNanos - startEpochNanos;
  }

  /**
   * Approximate memory held by this checkpoint, used to bound the export queue.
   *
   * @return an estimate in bytes
   */
  public long estimatedBytes() {
    return 256L
        + name.length()
        + sizeOf(input)
        + sizeOf(output)
        + attributes.size()
        + (error == null ? 0 : 64L * error.stack().size());
  }

  private static int sizeOf(Payload payload) {
    return payload == null ? 0 : payload.size();
  }
}
