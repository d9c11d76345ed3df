package dev.checkpoint.assets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.internal.Ignores;
import dev.checkpoint.assets.internal.PathPattern;
import dev.checkpoint.assets.internal.TreeDiffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The structural diff of checkpoint trees and of JSON values, shared by the scenario runner, the
 * web UI and the JUnit library.
 *
 * <p>Trees are matched checkpoint by checkpoint. Siblings are aligned in order, as lines are in a
 * text diff: identical checkpoints anchor the alignment, and between anchors checkpoints with the
 * same service, kind and name are taken for the same checkpoint and compared field by field. The
 * result lists checkpoints {@linkplain CheckpointChange.Added added}, {@linkplain
 * CheckpointChange.Removed removed}, {@linkplain CheckpointChange.Moved moved} (an addition
 * identical to a removal elsewhere) and {@linkplain CheckpointChange.Changed changed}, the last
 * with the changed fields as JSON Pointers from the checkpoint ({@code /output/body/total}).
 *
 * <p>Checkpoints are compared normalised: a place marked as {@linkplain CheckpointNode#noise()
 * noise} on either side is equal whatever its values, and places both sides mark compare by their
 * placeholders (so {@code /orders/<uuid>} still differs from {@code /refunds/<uuid>}). Recorded
 * values are never compared where there is noise.
 *
 * <p>JSON values are compared the same way: objects field by field; arrays aligned on equal
 * elements, then, between those, on objects that agree on at least half of their fields, then on
 * elements of the same type, each pair compared inside. So one element inserted into an array is
 * one addition, and a changed element is a change inside it.
 *
 * <p>Ignore rules remove places from both sides before comparing: path patterns (JSON Pointers
 * where {@code *} matches within one segment and {@code **} any number of segments, as in {@link
 * NormalisationRule}) and field-name globs, case-insensitive ({@code *At}).
 *
 * <pre>{@code
 * StructuralDiff diff = StructuralDiff.builder().ignoreKey("etag").build();
 * TreeDiff changes = diff.compare(committed.checkpoints(), fresh.checkpoints());
 * System.out.print(DiffRenderer.text(changes, DiffRenderer.colourSupported()));
 * }</pre>
 */
public final class StructuralDiff {

  private static final StructuralDiff DEFAULTS = builder().build();

  private final List<String> ignoredPaths;
  private final List<String> ignoredKeys;
  private final TreeDiffer differ;

  private StructuralDiff(List<String> ignoredPaths, List<String> ignoredKeys) {
    this.ignoredPaths = List.copyOf(ignoredPaths);
    this.ignoredKeys = List.copyOf(ignoredKeys);
    this.differ =
        new TreeDiffer(
            new Ignores(this.ignoredPaths, this.ignoredKeys), CheckpointNode::sharedFields);
  }

  /**
   * A diff without ignore rules.
   *
   * @return the default diff
   */
  public static StructuralDiff defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a configuration without ignore rules.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Compares checkpoint trees.
   *
   * @param expected the expected roots, such as a committed asset's checkpoints
   * @param actual the actual roots, such as a new run's, with their noise marked
   * @return the differences; {@linkplain TreeDiff#isEmpty() empty} when the trees match
   */
  public TreeDiff compare(List<CheckpointNode> expected, List<CheckpointNode> actual) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
    return differ.diff(expected, actual);
  }

  /**
   * Compares two assets' checkpoints.
   *
   * @param expected the expected asset, such as the committed one
   * @param actual the actual asset, such as one from a new run
   * @return the differences; {@linkplain TreeDiff#isEmpty() empty} when the checkpoints match
   */
  public TreeDiff compare(Asset expected, Asset actual) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
    return differ.diff(expected.checkpoints(), actual.checkpoints());
  }

  /**
   * Compares two values with their noise, as checkpoints' fields are compared: noise on either side
   * is equal whatever its values.
   *
   * @param expected the expected value, such as {@code recorded.value("output")}
   * @param actual the actual value, such as {@code normaliser.normalise("output", json)}
   * @return the differences, with paths from the values and normalised values; empty when they are
   *     equal
   */
  public ValueDiff compare(NoisyValue expected, NoisyValue actual) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
    return differ.diff(expected, actual);
  }

  /**
   * Compares two plain JSON values, with no noise: every value counts.
   *
   * @param expected the expected value
   * @param actual the actual value
   * @return the differences, with paths from the values; empty when they are equal
   */
  public ValueDiff compare(JsonNode expected, JsonNode actual) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
    return differ.diff(expected, actual);
  }

  @Override
  public String toString() {
    return "StructuralDiff[ignoredPaths=" + ignoredPaths + ", ignoredKeys=" + ignoredKeys + "]";
  }

  /** Collects ignore rules. */
  public static final class Builder {
    private final List<String> paths = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    private Builder() {}

    /**
     * Ignores the values at matching paths.
     *
     * @param pathPattern a path pattern, such as {@code /output/headers/date}
     * @return this builder
     * @throws IllegalArgumentException when the pattern does not start with {@code /}
     */
    public Builder ignorePath(String pathPattern) {
      PathPattern.parse(Objects.requireNonNull(pathPattern, "pathPattern"));
      paths.add(pathPattern);
      return this;
    }

    /**
     * Ignores the values of fields whose name matches, anywhere.
     *
     * @param keyPattern a glob on field names, such as {@code *At}; case is ignored
     * @return this builder
     */
    public Builder ignoreKey(String keyPattern) {
      keys.add(Objects.requireNonNull(keyPattern, "keyPattern"));
      return this;
    }

    /**
     * Creates the diff.
     *
     * @return a diff with the ignore rules given so far
     */
    public StructuralDiff build() {
      return new StructuralDiff(paths, keys);
    }
  }
}
