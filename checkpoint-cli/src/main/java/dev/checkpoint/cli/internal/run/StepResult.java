package dev.checkpoint.cli.internal.run;

import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.assets.FirstDivergence;
import dev.checkpoint.assets.TreeDiff;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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

  /**
   * Where the drift first diverged, and its cause: what every report shows before the diff.
   *
   * @return the first divergence; empty without drift, or when only attributes changed
   */
  public Optional<FirstDivergence> firstDivergence() {
    return FirstDivergence.of(diff);
  }

  /**
   * The drift as terminal text: the first divergence and its cause, then the whole diff.
   *
   * @param colour whether to use ANSI colours
   * @return the text, ending with a newline
   */
  String driftText(boolean colour) {
    return DiffRenderer.textWithFirstDivergence(diff, colour);
  }

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
