package dev.checkpoint.cli.internal.replay;

import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.RecordingKey;
import dev.checkpoint.assets.TreeDiff;
import java.util.List;

/**
 * How one replayed entry request compares with its recording.
 *
 * @param key the recording
 * @param name the entry's name, such as {@code POST /orders}
 * @param traceId the replayed tree's trace id; {@code null} when it could not be sent
 * @param status equal, different or error
 * @param recorded the service's part of the recorded tree, its noise marked; empty for an error
 * @param replayed the service's part of the replayed tree, its noise marked; empty for an error
 * @param diff from the recorded to the replayed tree; empty unless {@link Status#DIFFERENT}
 * @param error why the entry could not be replayed, or {@code null}
 */
public record EntryResult(
    RecordingKey key,
    String name,
    String traceId,
    Status status,
    List<CheckpointNode> recorded,
    List<CheckpointNode> replayed,
    TreeDiff diff,
    String error) {

  /** Copies the lists. */
  public EntryResult {
    recorded = List.copyOf(recorded);
    replayed = List.copyOf(replayed);
  }

  /** How a replayed entry compares with its recording. */
  public enum Status {
    /** The replayed tree matches the recorded one (after noise). */
    EQUAL,
    /** The replayed tree differs from the recorded one. */
    DIFFERENT,
    /** The entry could not be replayed. */
    ERROR
  }
}
