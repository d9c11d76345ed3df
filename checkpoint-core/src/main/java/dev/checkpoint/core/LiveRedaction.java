package dev.checkpoint.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.checkpoint.core.capture.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redacts the input of an actual call as the instrumentation redacted the recorded one (secret
 * keys, secrets inside strings, the configured {@code CHECKPOINT_REDACT_KEYS} too), so that a
 * recorded {@code [REDACTED]} can match the secret a test or a replayed service sends now. The
 * replay ledger then aligns the places the recording redacted by position.
 */
public final class LiveRedaction {

  private LiveRedaction() {}

  /** The redaction of the recording process, as far as this process's configuration tells. */
  private static final class Configured {
    static final Redaction REDACTION = configured();

    private static Redaction configured() {
      try {
        return Redaction.withExtra(CheckpointConfig.fromEnvironment().redactKeys());
      } catch (RuntimeException invalid) {
        // The recorder reports invalid settings; matching uses the built-in keys.
        return Redaction.defaults();
      }
    }
  }

  /**
   * Redacts an actual input as the instrumentation would have.
   *
   * @param input the actual input, changed in place
   * @return the same input
   */
  public static ObjectNode redact(ObjectNode input) {
    Redaction redaction = Configured.REDACTION;
    List<JsonNode> pending = new ArrayList<>();
    pending.add(input);
    while (!pending.isEmpty()) {
      JsonNode node = pending.remove(pending.size() - 1);
      if (node instanceof ObjectNode object) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
          if (redaction.isSecret(field.getKey())) {
            field.setValue(TextNode.valueOf(Redaction.MARKER));
          } else if (field.getValue().isTextual()) {
            field.setValue(TextNode.valueOf(redaction.redactText(field.getValue().textValue())));
          } else {
            pending.add(field.getValue());
          }
        }
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          if (array.get(i).isTextual()) {
            array.set(i, TextNode.valueOf(redaction.redactText(array.get(i).textValue())));
          } else {
            pending.add(array.get(i));
          }
        }
      }
    }
    return input;
  }
}
