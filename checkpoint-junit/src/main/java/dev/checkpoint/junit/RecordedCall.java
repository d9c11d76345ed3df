package dev.checkpoint.junit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.CheckpointKey;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.junit.internal.Payloads;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded call of a component, as {@link CheckpointSource} supplies it: the checkpoint and the
 * asset it was read from.
 */
public final class RecordedCall {

  private final String source;
  private final int position;
  private final Asset asset;
  private final CheckpointNode checkpoint;

  private RecordedCall(String source, int position, Asset asset, CheckpointNode checkpoint) {
    this.source = source;
    this.position = position;
    this.asset = asset;
    this.checkpoint = checkpoint;
  }

  /**
   * Wraps a checkpoint read from an asset.
   *
   * @param source the asset's name, such as {@code payments/authorize.json}
   * @param position the call's position among the calls of its name in the asset, from 1
   * @param asset the asset
   * @param checkpoint the checkpoint, one of the asset's
   * @return the call
   */
  public static RecordedCall of(
      String source, int position, Asset asset, CheckpointNode checkpoint) {
    return new RecordedCall(
        Objects.requireNonNull(source, "source"),
        position,
        Objects.requireNonNull(asset, "asset"),
        Objects.requireNonNull(checkpoint, "checkpoint"));
  }

  /**
   * The asset the call was read from.
   *
   * @return its name relative to the assets root, such as {@code payments/authorize.json}
   */
  public String source() {
    return source;
  }

  /**
   * The stable key of the call.
   *
   * @return the key
   */
  public CheckpointKey key() {
    return checkpoint.key();
  }

  /**
   * The recorded checkpoint, with the calls it made as children.
   *
   * @return the checkpoint
   */
  public CheckpointNode checkpoint() {
    return checkpoint;
  }

  /**
   * The recorded input, with its recorded values: generated ids and timestamps as they were. Its
   * noise is in {@code checkpoint().value("input")}.
   *
   * @return a copy of the input
   */
  public JsonNode input() {
    return checkpoint.input();
  }

  /**
   * The recorded input converted to a type, for a call recorded with its argument as its input
   * (such as {@code Checkpoints.record(name, request, ...)}).
   *
   * @param type the type
   * @param <T> the type
   * @return the input as {@code type}
   * @throws IllegalArgumentException when the input cannot be converted
   */
  public <T> T input(Class<T> type) {
    return type.cast(Payloads.convert(input(), type, "input", this));
  }

  /**
   * One recorded argument converted to a type, as {@link CheckpointSource} binds parameters by
   * name: {@code @Checkpoint} methods record their input as an object keyed by parameter name.
   *
   * @param name the parameter name, such as {@code request}
   * @param type the type
   * @param <T> the type
   * @return the argument as {@code type}
   * @throws IllegalArgumentException when the input has no field of that name, or it cannot be
   *     converted
   */
  public <T> T argument(String name, Class<T> type) {
    JsonNode input = input();
    if (!input.has(name)) {
      throw new IllegalArgumentException(
          "The recorded input of "
              + this
              + " has no argument '"
              + name
              + "': it is "
              + input
              + ". Use one of its field names, or read input() as JSON.");
    }
    return type.cast(Payloads.convert(input.get(name), type, "input field '" + name + "'", this));
  }

  /**
   * The recorded output, with its recorded values. Compare an actual output with it by {@link
   * CheckpointAssertions#assertMatchesRecorded(Object, RecordedCall)}, which leaves noise out.
   *
   * @return a copy of the output; JSON null when the call failed or returned nothing
   */
  public JsonNode output() {
    return checkpoint.output();
  }

  /**
   * The recorded output converted to a type.
   *
   * @param type the type
   * @param <T> the type
   * @return the output as {@code type}
   * @throws IllegalArgumentException when the output cannot be converted, for example because an
   *     asset of format version 1 replaced a value with a placeholder
   */
  public <T> T output(Class<T> type) {
    return type.cast(Payloads.convert(output(), type, "output", this));
  }

  /**
   * The recorded error.
   *
   * @return the error ({@code type}, {@code message}); empty when the call succeeded
   */
  public Optional<JsonNode> error() {
    return checkpoint.error();
  }

  /**
   * The normaliser that marked the asset's noise; it marks the noise of actual values the same way
   * before they are compared.
   *
   * @return the asset's normaliser
   */
  public Normaliser normaliser() {
    return asset.normaliser();
  }

  /** The asset and the call's position in it, such as {@code payments/authorize.json #2}. */
  @Override
  public String toString() {
    return source + " #" + position;
  }
}
