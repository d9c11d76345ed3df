package dev.checkpoint.assets;

import java.util.List;
import java.util.Objects;

/**
 * The differences between two JSON values, in document order; empty when they are equal.
 *
 * @param changes the differences
 */
public record ValueDiff(List<ValueChange> changes) {

  /**
   * Copies the changes.
   *
   * @param changes the differences
   */
  public ValueDiff {
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
  }

  /**
   * Whether the values are equal (after ignore rules).
   *
   * @return whether there are no changes
   */
  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
