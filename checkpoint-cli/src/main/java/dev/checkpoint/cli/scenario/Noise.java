package dev.checkpoint.cli.scenario;

import java.util.List;

/**
 * Per-scenario rules added to the built-in noise detectors of the assets.
 *
 * @param ignore paths (such as {@code output.body.createdAt} or {@code **.requestId}) left out of
 *     the comparison
 * @param normalise paths whose values are replaced by a placeholder in the assets
 */
public record Noise(List<String> ignore, List<String> normalise) {

  /** No extra rules. */
  public static final Noise NONE = new Noise(List.of(), List.of());

  /** Copies the lists. */
  public Noise {
    ignore = List.copyOf(ignore);
    normalise = List.copyOf(normalise);
  }
}
