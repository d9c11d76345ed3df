package dev.checkpoint.assets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One difference between two JSON values, at one place.
 *
 * <p>The path is a JSON Pointer (RFC 6901) from the compared value, or from the checkpoint for
 * changes of a checkpoint ({@code /output/body/items/2/price}); the empty string is the value
 * itself. Array indices are those of the actual value, except for removed elements, whose index is
 * the one they had in the expected value. A side where the value is absent is Jackson's {@linkplain
 * JsonNode#isMissingNode() missing node}: the expected side of an added value, the actual side of a
 * removed one.
 *
 * @param path where the values differ
 * @param type whether a value was added, removed or changed
 * @param expected the expected value (such as the committed asset's), missing when added
 * @param actual the actual value (such as the new run's), missing when removed
 */
public record ValueChange(String path, Type type, JsonNode expected, JsonNode actual) {

  /** What happened at the path. */
  public enum Type {
    /** Only the actual value has something at the path. */
    ADDED,
    /** Only the expected value has something at the path. */
    REMOVED,
    /** Both have a value at the path, and they differ. */
    CHANGED
  }

  /**
   * Checks the values.
   *
   * @param path the path
   * @param type the type
   * @param expected the expected value
   * @param actual the actual value
   */
  public ValueChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
  }
}
