package dev.checkpoint.assets;

import java.util.List;
import java.util.Objects;

/**
 * One difference between two sets of checkpoint trees: a checkpoint added, removed, moved, or
 * changed in place.
 */
public sealed interface CheckpointChange
    permits CheckpointChange.Added,
        CheckpointChange.Removed,
        CheckpointChange.Moved,
        CheckpointChange.Changed {

  /**
   * Where the change is: the key in the actual trees, or in the expected trees for a removal.
   *
   * @return the key
   */
  CheckpointKey key();

  /**
   * A checkpoint, with its descendants, only in the actual trees.
   *
   * @param checkpoint the added checkpoint
   */
  record Added(CheckpointNode checkpoint) implements CheckpointChange {
    /**
     * Checks the value.
     *
     * @param checkpoint the added checkpoint
     */
    public Added {
      Objects.requireNonNull(checkpoint, "checkpoint");
    }

    @Override
    public CheckpointKey key() {
      return checkpoint.key();
    }
  }

  /**
   * A checkpoint, with its descendants, only in the expected trees.
   *
   * @param checkpoint the removed checkpoint
   */
  record Removed(CheckpointNode checkpoint) implements CheckpointChange {
    /**
     * Checks the value.
     *
     * @param checkpoint the removed checkpoint
     */
    public Removed {
      Objects.requireNonNull(checkpoint, "checkpoint");
    }

    @Override
    public CheckpointKey key() {
      return checkpoint.key();
    }
  }

  /**
   * An unchanged checkpoint that now happens elsewhere: under another parent, or in another order
   * among its siblings (then both keys may be equal). Changes below it are listed after it.
   *
   * @param expectedKey where it was
   * @param actualKey where it is
   */
  record Moved(CheckpointKey expectedKey, CheckpointKey actualKey) implements CheckpointChange {
    /**
     * Checks the values.
     *
     * @param expectedKey where it was
     * @param actualKey where it is
     */
    public Moved {
      Objects.requireNonNull(expectedKey, "expectedKey");
      Objects.requireNonNull(actualKey, "actualKey");
    }

    @Override
    public CheckpointKey key() {
      return actualKey;
    }
  }

  /**
   * A checkpoint present in both whose fields differ. The keys differ when the ordinal shifted, for
   * example because a call of the same name was added before it.
   *
   * @param expectedKey its key in the expected trees
   * @param actualKey its key in the actual trees
   * @param changes the changed fields, with paths from the checkpoint such as {@code
   *     /output/status}
   */
  record Changed(CheckpointKey expectedKey, CheckpointKey actualKey, List<ValueChange> changes)
      implements CheckpointChange {
    /**
     * Checks and copies the values.
     *
     * @param expectedKey its key in the expected trees
     * @param actualKey its key in the actual trees
     * @param changes the changed fields
     */
    public Changed {
      Objects.requireNonNull(expectedKey, "expectedKey");
      Objects.requireNonNull(actualKey, "actualKey");
      changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }

    @Override
    public CheckpointKey key() {
      return actualKey;
    }
  }
}
