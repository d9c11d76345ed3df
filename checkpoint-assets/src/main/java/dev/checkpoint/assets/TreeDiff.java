package dev.checkpoint.assets;

import java.util.List;
import java.util.Objects;

/**
 * The differences between expected checkpoint trees (such as a committed asset) and actual ones
 * (such as a new run), in the order of a walk of the trees; empty when they match.
 *
 * @param changes the differences
 */
public record TreeDiff(List<CheckpointChange> changes) {

  /**
   * Copies the changes.
   *
   * @param changes the differences
   */
  public TreeDiff {
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
  }

  /**
   * Whether the trees match (after ignore rules).
   *
   * @return whether there are no changes
   */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * The added checkpoints.
   *
   * @return the additions, in order
   */
  public List<CheckpointChange.Added> added() {
    return only(CheckpointChange.Added.class);
  }

  /**
   * The removed checkpoints.
   *
   * @return the removals, in order
   */
  public List<CheckpointChange.Removed> removed() {
    return only(CheckpointChange.Removed.class);
  }

  /**
   * The moved checkpoints.
   *
   * @return the moves, in order
   */
  public List<CheckpointChange.Moved> moved() {
    return only(CheckpointChange.Moved.class);
  }

  /**
   * The checkpoints changed in place.
   *
   * @return the changes, in order
   */
  public List<CheckpointChange.Changed> changed() {
    return only(CheckpointChange.Changed.class);
  }

  private <T extends CheckpointChange> List<T> only(Class<T> type) {
    return changes.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
