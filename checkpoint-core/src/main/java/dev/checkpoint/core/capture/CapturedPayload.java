package dev.checkpoint.core.capture;

import dev.checkpoint.core.model.Payload;
import java.util.List;

/**
 * A value after capture: its JSON, and what capture had to change.
 *
 * @param payload the JSON, redacted and within the size limit
 * @param redacted paths of values replaced by {@link Redaction#MARKER}, prefixed by the root path
 * @param truncated whether the value was over the limit and replaced by a preview
 */
public record CapturedPayload(Payload payload, List<String> redacted, boolean truncated) {

  /** Copies the list. */
  public CapturedPayload {
    redacted = List.copyOf(redacted);
  }
}
