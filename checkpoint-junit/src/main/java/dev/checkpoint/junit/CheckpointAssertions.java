package dev.checkpoint.junit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.assets.NoisyValue;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.ValueDiff;
import dev.checkpoint.junit.internal.Payloads;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions that compare what a component returns with what it returned when it was recorded,
 * using the structural diff of {@code checkpoint-assets}.
 *
 * <p>A failure is an {@link AssertionFailedError} whose expected and actual values are the two JSON
 * documents (sorted keys, indented), so that IDEs offer their diff view, and whose message lists
 * every changed path:
 *
 * <pre>
 * Output of PaymentService.authorize does not match the recording payments/authorize.json #1
 * (payments/HTTP_SERVER/POST /payments#0 &gt; payments/METHOD/PaymentService.authorize#0):
 * 1 difference
 * ~ /status: "AUTHORIZED" -&gt; "DECLINED"
 * </pre>
 */
public final class CheckpointAssertions {

  private CheckpointAssertions() {}

  /**
   * Asserts that an actual output matches a recorded call's output. The actual value is turned into
   * JSON as checkpoint-core records it and its noise is marked with the asset's normaliser, so that
   * noise (generated ids, timestamps, what the asset marks as noise) is equal whatever its values.
   *
   * @param actual what the component returned now; a {@link JsonNode} is taken as is
   * @param recorded the recorded call
   * @throws AssertionFailedError when they differ
   */
  public static void assertMatchesRecorded(Object actual, RecordedCall recorded) {
    assertMatchesRecorded(actual, recorded, StructuralDiff.defaults());
  }

  /**
   * Asserts that an actual output matches a recorded call's output, with ignore rules.
   *
   * @param actual what the component returned now; a {@link JsonNode} is taken as is
   * @param recorded the recorded call
   * @param diff the diff to compare with, such as one ignoring some paths
   * @throws AssertionFailedError when they differ
   */
  public static void assertMatchesRecorded(
      Object actual, RecordedCall recorded, StructuralDiff diff) {
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(diff, "diff");
    NoisyValue expected = recorded.checkpoint().value("output");
    NoisyValue normalised = recorded.normaliser().normalise("output", Payloads.toJson(actual));
    fail(
        diff.compare(expected, normalised),
        expected.normalisedFor(normalised),
        normalised.normalisedFor(expected),
        "Output of "
            + recorded.checkpoint().name()
            + " does not match the recording "
            + recorded
            + " ("
            + recorded.key()
            + "):\n");
  }

  /**
   * Asserts that an actual value matches an expected JSON value, without normalisation.
   *
   * @param actual the actual value; a {@link JsonNode} is taken as is
   * @param expected the expected JSON
   * @throws AssertionFailedError when they differ
   */
  public static void assertMatchesRecorded(Object actual, JsonNode expected) {
    Objects.requireNonNull(expected, "expected");
    JsonNode json = Payloads.toJson(actual);
    fail(
        StructuralDiff.defaults().compare(expected, json),
        expected,
        json,
        "Value does not match the expected JSON:\n");
  }

  private static void fail(ValueDiff changes, JsonNode expected, JsonNode actual, String heading) {
    if (!changes.isEmpty()) {
      throw new AssertionFailedError(
          heading + DiffRenderer.text(changes, false).stripTrailing(),
          Payloads.pretty(expected),
          Payloads.pretty(actual));
    }
  }
}
