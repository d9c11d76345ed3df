package dev.checkpoint.cli.internal.run;

import dev.checkpoint.assets.TreeDiff;
import java.nio.file.Path;
import java.util.List;

/**
 * What happened to one step's asset.
 *
 * @param step the step name
 * @param traceId the trace of the step's request in the last run
 * @param status how the recording compares with the committed asset
 * @param asset the asset file
 * @param diff the drift; empty unless {@link Status#DRIFT}
 * @param written whether the asset file was (re)written
 */
public record StepResult(
    String step, String traceId, Status status, Path asset, TreeDiff diff, boolean written) {

  /** An empty diff, for results without drift. */
  static final TreeDiff NO_DIFF = new TreeDiff(List.of());

  /** How a recording compares with the committed asset. */
  public enum Status {
    /** The recording matches the asset (after noise). */
    UNCHANGED,
    /** There was no asset: this is the first recording. */
    NEW,
    /** The recording differs from the asset. */
    DRIFT
  }
}
