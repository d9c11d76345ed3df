package dev.checkpoint.instrumentation.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.model.Payload;

/** Reads recorded payloads as JSON trees, for assertions on their fields. */
public final class RecordedJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RecordedJson() {}

  /**
   * Parses a payload.
   *
   * @param payload a recorded input, output or attributes
   * @return its JSON tree; a JSON {@code null} when the payload is missing
   */
  public static JsonNode of(Payload payload) {
    return parse(payload == null ? "null" : payload.json());
  }

  /**
   * Parses JSON text.
   *
   * @param json the text
   * @return its tree
   */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("Recorded payload is not JSON: " + json, e);
    }
  }
}
