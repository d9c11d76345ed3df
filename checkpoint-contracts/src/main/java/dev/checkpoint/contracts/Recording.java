package dev.checkpoint.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.CheckpointNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recorded trees to take interactions from, with the provider state they were recorded in.
 *
 * <p>A scenario step names the state ({@code place-order}): the trees of its asset are recorded in
 * it. Trees recorded without a step (a manual recording window on the server) have no step name;
 * each root then names the state itself, by its entry checkpoint's name and HTTP status, such as
 * {@code POST /orders answered 201}.
 *
 * @param step the scenario step's name, or {@code null} for trees recorded outside a step
 * @param roots the trees, their noise marked (as read from an asset, or by a {@link
 *     dev.checkpoint.assets.Normaliser})
 */
public record Recording(String step, List<CheckpointNode> roots) {

  /** Checks the values. */
  public Recording {
    roots = List.copyOf(Objects.requireNonNull(roots, "roots"));
  }

  /**
   * The trees of a scenario step.
   *
   * @param step the step's name, the provider state of its interactions
   * @param roots the trees
   * @return the recording
   */
  public static Recording ofStep(String step, List<CheckpointNode> roots) {
    return new Recording(Objects.requireNonNull(step, "step"), roots);
  }

  /**
   * Trees recorded outside a scenario step.
   *
   * @param roots the trees
   * @return the recording
   */
  public static Recording withoutSteps(List<CheckpointNode> roots) {
    return new Recording(null, roots);
  }

  /**
   * The provider state of the interactions in one of the trees.
   *
   * @param root a root of this recording
   * @return the step's name, else the root's name and status
   */
  String state(CheckpointNode root) {
    return Optional.ofNullable(step).orElseGet(() -> entryState(root));
  }

  private static String entryState(CheckpointNode root) {
    JsonNode status = root.output().path("status");
    if (status.isInt()) {
      return root.name() + " answered " + status.intValue();
    }
    return root.error().isPresent() ? root.name() + " failed" : root.name();
  }
}
