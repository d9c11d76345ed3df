package dev.checkpoint.core.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The answer to a call made in replay: the recorded call it matched, whose output or error the
 * instrumentation gives the application instead of calling the dependency; or, when nothing matched
 * and unmatched calls fail, the explanation the instrumentation throws.
 */
public final class RecordedCall {

  private final JsonNode output;
  private final JsonNode error;
  private final JsonNode attributes;
  private final String failure;

  private RecordedCall(JsonNode output, JsonNode error, JsonNode attributes, String failure) {
    this.output = output;
    this.error = error;
    this.attributes = attributes;
    this.failure = failure;
  }

  /**
   * A matched call.
   *
   * @param output the recorded output
   * @param error the recorded error, or {@code null}
   * @param attributes the recorded attributes
   * @return the answer
   */
  public static RecordedCall matched(JsonNode output, JsonNode error, JsonNode attributes) {
    return new RecordedCall(output, error, attributes, null);
  }

  /**
   * A call that matched nothing and must fail.
   *
   * @param failure what was called and what was recorded nearby
   * @return the answer
   */
  public static RecordedCall unmatched(String failure) {
    return new RecordedCall(null, null, null, failure);
  }

  /**
   * Whether a recorded call matched.
   *
   * @return {@code false} when the instrumentation must fail the call with {@link #failure()}
   */
  public boolean isMatched() {
    return failure == null;
  }

  /**
   * Why no recorded call matched.
   *
   * @return the message, {@code null} when one matched
   */
  public String failure() {
    return failure;
  }

  /**
   * The recorded output, such as an HTTP response's status, headers and body or a statement's rows.
   *
   * @return the output; a null node when none was recorded
   */
  public JsonNode output() {
    return output;
  }

  /**
   * The recorded error ({@code type}, {@code message}, {@code stack}).
   *
   * @return the error, empty when the call succeeded
   */
  public Optional<JsonNode> error() {
    return error == null || error.isNull() ? Optional.empty() : Optional.of(error);
  }

  /**
   * The recorded attributes, such as a SQL error's {@code sql.state}.
   *
   * @return the attributes; an empty or missing node when none
   */
  public JsonNode attributes() {
    return attributes;
  }
}
