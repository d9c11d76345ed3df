package dev.checkpoint.demo.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The shop's one JSON mapper. */
public final class Json {
  /** Lenient about unknown fields, as services talking to each other should be. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  /**
   * The error body every service answers with: {@code {"error": ..., "detail": ...}}.
   *
   * @param error a short machine-readable code
   * @param detail what happened, for people
   * @return the body
   */
  public static ObjectNode error(String error, String detail) {
    return MAPPER.createObjectNode().put("error", error).put("detail", detail);
  }

  /**
   * Serialises a value.
   *
   * @param value the value
   * @return its JSON bytes
   */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads JSON bytes.
   *
   * @throws IOException when they are not JSON of that shape
   */
  public static <T> T read(byte[] bytes, Class<T> type) throws IOException {
    return MAPPER.readValue(bytes, type);
  }
}
