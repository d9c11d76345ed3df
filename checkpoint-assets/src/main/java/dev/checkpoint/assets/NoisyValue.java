package dev.checkpoint.assets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.internal.Json;
import dev.checkpoint.assets.internal.NoiseMarks;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A JSON value as it was recorded, with its noise marked beside it: JSON Pointers from the value to
 * the places that differ from run to run, each with the placeholder that stands for it there (such
 * as {@code {"/body/id": "<uuid>"}}). The value keeps what replay has to return; comparisons read
 * it {@linkplain #normalised() normalised}, so that noise never counts as a difference.
 *
 * <p>{@link Normaliser#normalise(String, JsonNode)} finds the noise of a value; {@link
 * CheckpointNode#value(String)} gives a recorded field with its noise; {@link
 * StructuralDiff#compare(NoisyValue, NoisyValue)} compares two. Immutable: methods returning JSON
 * return copies.
 */
public final class NoisyValue {

  private final JsonNode value;
  private final SortedMap<String, String> noise;

  private NoisyValue(JsonNode value, SortedMap<String, String> noise) {
    this.value = value;
    this.noise = noise;
  }

  /**
   * A value with its noise.
   *
   * @param value the value as recorded
   * @param noise JSON Pointers from {@code value} ({@code ""} for the value itself) to placeholders
   * @return the noisy value
   * @throws IllegalArgumentException when a pointer is malformed or leads to no value
   */
  public static NoisyValue of(JsonNode value, Map<String, String> noise) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(noise, "noise");
    for (String pointer : noise.keySet()) {
      if (!(pointer.isEmpty() || pointer.startsWith("/")) || !NoiseMarks.resolves(value, pointer)) {
        throw new IllegalArgumentException(
            "The noise pointer '" + pointer + "' leads to no value in " + Json.compact(value));
      }
    }
    return new NoisyValue(value.deepCopy(), NoiseMarks.copy(noise));
  }

  /**
   * A value without noise, such as a fixed expectation.
   *
   * @param value the value
   * @return the value with no noise marked
   */
  public static NoisyValue plain(JsonNode value) {
    return of(value, Map.of());
  }

  static NoisyValue shared(JsonNode value, SortedMap<String, String> noise) {
    return new NoisyValue(value, noise);
  }

  /**
   * The value as recorded.
   *
   * @return a copy
   */
  public JsonNode value() {
    return value.deepCopy();
  }

  /**
   * Where the noise is.
   *
   * @return JSON Pointers from the value to placeholders, sorted; unmodifiable
   */
  public SortedMap<String, String> noise() {
    return noise;
  }

  /**
   * The value with each noisy place replaced by its placeholder: what assets showed before noise
   * was marked beside values, and what to compare or display.
   *
   * @return a copy
   */
  public JsonNode normalised() {
    return copied(NoiseMarks.normalised(value, noise, Map.of()));
  }

  /**
   * The normalised value to compare with another: noisy places of either value are placeholders, so
   * that a place that is noise on either side is equal whatever its values. Compare it with {@code
   * other.normalisedFor(this)}.
   *
   * @param other the value this one is compared with
   * @return a copy
   */
  public JsonNode normalisedFor(NoisyValue other) {
    Objects.requireNonNull(other, "other");
    return copied(NoiseMarks.normalised(value, noise, other.noise));
  }

  private JsonNode copied(JsonNode normalised) {
    return normalised == value ? value.deepCopy() : normalised;
  }

  /** Values are equal when their recorded values and their noise are. */
  @Override
  public boolean equals(Object other) {
    return other instanceof NoisyValue that && value.equals(that.value) && noise.equals(that.noise);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, noise);
  }

  @Override
  public String toString() {
    return Json.compact(value) + (noise.isEmpty() ? "" : " noise " + noise);
  }
}
