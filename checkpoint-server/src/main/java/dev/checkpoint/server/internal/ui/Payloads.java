package dev.checkpoint.server.internal.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.server.internal.storage.StoredJson;
import dev.checkpoint.server.internal.storage.WireCheckpoints;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Stored JSON text read back for the pages. */
final class Payloads {
  static final ObjectMapper MAPPER = StoredJson.MAPPER;

  private Payloads() {}

  /** The value, or JSON null for a field that was not recorded. */
  static JsonNode parse(String text) {
    return WireCheckpoints.stored(text);
  }

  static String pretty(JsonNode value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON array of strings, such as the truncated and redacted paths. */
  static List<String> strings(String text) {
    List<String> values = new ArrayList<>();
    parse(text).forEach(value -> values.add(value.asText()));
    return values;
  }

  /** Text as it reads: strings without quotes, anything else as JSON. */
  static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
