package dev.checkpoint.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.assets.NoisyValue;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.ValueDiff;
import dev.checkpoint.junit.internal.ClasspathAssets;
import dev.checkpoint.junit.internal.Payloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Replays many recorded calls of one entry point or component in one test, and compares what the
 * code returns now with what it returned when it was recorded: the programmatic form of {@link
 * CheckpointSource}, after Optibus' Equalizer. A player sends each call's recorded input to the
 * code under test, an extractor picks what to compare from the recorded and the replayed output,
 * and a comparator says whether they are equal or different, and why:
 *
 * <pre>{@code
 * EqualizerResult result =
 *     Equalizer.load("PaymentService.authorize")
 *         .extract("/status")
 *         .run(call -> service.authorize(call.argument("request", PaymentRequest.class)));
 * result.assertAllEqual();
 * }</pre>
 *
 * <p>Both outputs are compared normalised: the replayed output's noise is marked with the asset's
 * normaliser, and a place that is noise on either side (generated ids, timestamps) is its
 * placeholder on both, so that it is equal whatever its values. The extractor and the comparator
 * see these normalised values. A call whose player throws counts as an error of that call; the loop
 * goes on with the next call. Immutable: {@link #extract} and {@link #compare} return new
 * equalizers.
 */
public final class Equalizer {

  /** Plays one recorded call against the code under test. */
  @FunctionalInterface
  public interface Player {

    /**
     * Sends the call's recorded input to the code under test.
     *
     * @param call the recorded call; read its input with {@link RecordedCall#argument} or {@link
     *     RecordedCall#input()}
     * @return what the code returns now; a {@link JsonNode} is taken as is, anything else is turned
     *     into JSON as checkpoint-core records it
     * @throws Exception anything the code throws, counted as an error of this call
     */
    Object play(RecordedCall call) throws Exception;
  }

  /** Compares the result extracted from a recorded output with the one from the replayed output. */
  @FunctionalInterface
  public interface ResultComparator {

    /**
     * Compares two results.
     *
     * @param recorded the result extracted from the recorded output, normalised
     * @param replayed the result extracted from the replayed output, normalised
     * @return equal, or different with a message saying how
     */
    Comparison compare(JsonNode recorded, JsonNode replayed);

    /**
     * The default comparator: the structural JSON diff, different when it finds a change, with the
     * changed paths as its message (as {@link CheckpointAssertions} lists them).
     *
     * @param diff the diff, such as one ignoring some paths or keys
     * @return the comparator
     */
    static ResultComparator structural(StructuralDiff diff) {
      Objects.requireNonNull(diff, "diff");
      return (recorded, replayed) -> {
        ValueDiff changes = diff.compare(recorded, replayed);
        return changes.isEmpty()
            ? Comparison.equal()
            : Comparison.different(DiffRenderer.text(changes, false).stripTrailing());
      };
    }
  }

  /**
   * What a {@link ResultComparator} concluded about one call.
   *
   * @param isEqual whether the results are equal
   * @param message how they differ; empty when they are equal
   */
  public record Comparison(boolean isEqual, String message) {

    /**
     * Checks the message.
     *
     * @param isEqual whether the results are equal
     * @param message how they differ; empty when they are equal
     */
    public Comparison {
      Objects.requireNonNull(message, "message");
      if (!isEqual && message.isBlank()) {
        throw new IllegalArgumentException(
            "A different comparison needs a message saying how the results differ");
      }
    }

    /**
     * The results are equal.
     *
     * @return the comparison
     */
    public static Comparison equal() {
      return new Comparison(true, "");
    }

    /**
     * The results differ.
     *
     * @param message how, such as {@code status AUTHORIZED became DECLINED}
     * @return the comparison
     */
    public static Comparison different(String message) {
      return new Comparison(false, message);
    }
  }

  private final List<RecordedCall> calls;
  private final UnaryOperator<JsonNode> extractor;
  private final ResultComparator comparator;

  private Equalizer(
      List<RecordedCall> calls, UnaryOperator<JsonNode> extractor, ResultComparator comparator) {
    this.calls = calls;
    this.extractor = extractor;
    this.comparator = comparator;
  }

  /**
   * An equalizer of every recorded call of a name in the assets under {@code checkpoints/} on the
   * class path, as {@link CheckpointSource} finds them.
   *
   * @param name the checkpoint name, such as {@code PaymentService.authorize}
   * @return the equalizer, comparing whole outputs with {@link StructuralDiff#defaults()}
   * @throws IllegalArgumentException when no asset holds a call of that name
   */
  public static Equalizer load(String name) {
    return load(name, "checkpoints");
  }

  /**
   * An equalizer of every recorded call of a name in the assets under a class path directory.
   *
   * @param name the checkpoint name, such as {@code PaymentService.authorize}
   * @param root the class path directory holding the assets
   * @return the equalizer, comparing whole outputs with {@link StructuralDiff#defaults()}
   * @throws IllegalArgumentException when no asset holds a call of that name
   */
  public static Equalizer load(String name, String root) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(root, "root");
    ClasspathAssets assets =
        ClasspathAssets.load(root, Thread.currentThread().getContextClassLoader());
    List<RecordedCall> calls = assets.calls(name);
    if (calls.isEmpty()) {
      throw new IllegalArgumentException(assets.noCallNamed(name, "an Equalizer"));
    }
    return of(calls);
  }

  /**
   * An equalizer of given recorded calls.
   *
   * @param calls the calls, replayed in this order
   * @return the equalizer, comparing whole outputs with {@link StructuralDiff#defaults()}
   * @throws IllegalArgumentException when there are no calls: comparing nothing proves nothing
   */
  public static Equalizer of(List<RecordedCall> calls) {
    List<RecordedCall> copy = List.copyOf(calls);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(
          "An Equalizer needs at least one recorded call; comparing none would pass without"
              + " testing anything. Load the calls with Equalizer.load(name).");
    }
    return new Equalizer(
        copy, UnaryOperator.identity(), ResultComparator.structural(StructuralDiff.defaults()));
  }

  /**
   * Compares only part of each output.
   *
   * @param extractor picks the result to compare from a normalised output, recorded or replayed
   * @return a new equalizer
   */
  public Equalizer extract(UnaryOperator<JsonNode> extractor) {
    return new Equalizer(calls, Objects.requireNonNull(extractor, "extractor"), comparator);
  }

  /**
   * Compares only the value at a JSON Pointer in each output; a missing value is JSON null.
   *
   * @param pointer the JSON Pointer, such as {@code /status}
   * @return a new equalizer
   */
  public Equalizer extract(String pointer) {
    Objects.requireNonNull(pointer, "pointer");
    return extract(
        output -> {
          JsonNode value = output.at(pointer);
          return value.isMissingNode() ? NullNode.getInstance() : value;
        });
  }

  /**
   * Compares with another comparator, such as {@link ResultComparator#structural} with ignore
   * rules, or one comparing what matters to the domain.
   *
   * @param comparator the comparator
   * @return a new equalizer
   */
  public Equalizer compare(ResultComparator comparator) {
    return new Equalizer(calls, extractor, Objects.requireNonNull(comparator, "comparator"));
  }

  /*
   * A call recorded as failed that fails again is compared by its error's type and message, as
   * recorded, with their noise: failing the same way is the recorded behaviour, not an error.
   */
  private static Optional<EqualizerResult.Difference> failedAsRecorded(
      RecordedCall call, Exception thrown) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("message", thrown.getMessage());
    error.put("type", thrown.getClass().getName());
    ValueDiff changes =
        StructuralDiff.defaults()
            .compare(call.checkpoint().value("error"), call.normaliser().normalise("error", error));
    return changes.isEmpty()
        ? Optional.empty()
        : Optional.of(
            EqualizerResult.Difference.different(
                call,
                "failed differently from the recording: "
                    + DiffRenderer.text(changes, false).stripTrailing()));
  }

  /**
   * Plays every call and compares its result with the recorded one.
   *
   * @param player sends a call's recorded input to the code under test
   * @return the counts and the calls that were different or failed
   */
  public EqualizerResult run(Player player) {
    Objects.requireNonNull(player, "player");
    List<EqualizerResult.Difference> differences = new ArrayList<>();
    for (RecordedCall call : calls) {
      Object actual;
      try {
        actual = player.play(call);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (call.error().isEmpty()) {
          differences.add(EqualizerResult.Difference.error(call, e));
        } else {
          failedAsRecorded(call, e).ifPresent(differences::add);
        }
        continue;
      }
      if (call.error().isPresent()) {
        differences.add(
            EqualizerResult.Difference.different(
                call,
                "returned normally, but the recording failed with "
                    + call.error().get().path("type").asText()
                    + ": "
                    + call.error().get().path("message").asText()));
        continue;
      }
      NoisyValue recorded = call.checkpoint().value("output");
      NoisyValue replayed =
          call.normaliser()
              .normalise(
                  "output", actual == null ? NullNode.getInstance() : Payloads.toJson(actual));
      Comparison comparison =
          comparator.compare(
              extractor.apply(recorded.normalisedFor(replayed)),
              extractor.apply(replayed.normalisedFor(recorded)));
      if (!comparison.isEqual()) {
        differences.add(EqualizerResult.Difference.different(call, comparison.message()));
      }
    }
    return new EqualizerResult(calls, differences);
  }
}
