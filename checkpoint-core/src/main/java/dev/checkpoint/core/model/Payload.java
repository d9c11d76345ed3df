package dev.checkpoint.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A captured value as compact JSON text. The exporter writes it as a raw value, without serialising
 * the original object again.
 */
public final class Payload {

  /** The JSON {@code null}. */
  public static final Payload NULL = new Payload("null", 4);

  /** The empty JSON object. */
  public static final Payload EMPTY_OBJECT = new Payload("{}", 2);

  private final String json;
  private final int size;

  private Payload(String json, int size) {
    this.json = json;
    this.size = size;
  }

  /**
   * Wraps JSON text that is known to be valid, such as the output of a JSON generator.
   *
   * @param json one JSON value
   * @return the payload
   */
  public static Payload ofJson(String json) {
    Objects.requireNonNull(json, "json");
    return new Payload(json, json.getBytes(StandardCharsets.UTF_8).length);
  }

  /**
   * Wraps UTF-8 JSON bytes that are known to be valid.
   *
   * @param json one JSON value as UTF-8
   * @return the payload
   */
  public static Payload ofUtf8(byte[] json) {
    Objects.requireNonNull(json, "json");
    return ofUtf8(json, json.length);
  }

  /**
   * Wraps the first {@code length} bytes of a UTF-8 JSON buffer that are known to be valid.
   *
   * @param json a buffer starting with one JSON value as UTF-8
   * @param length how many bytes of the buffer hold the value
   * @return the payload
   */
  public static Payload ofUtf8(byte[] json, int length) {
    Objects.requireNonNull(json, "json");
    return new Payload(new String(json, 0, length, StandardCharsets.UTF_8), length);
  }

  /**
   * The JSON text.
   *
   * @return compact JSON
   */
  public String json() {
    return json;
  }

  /**
   * Size of the JSON in bytes.
   *
   * @return the UTF-8 length
   */
  public int size() {
    return size;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Payload payload && json.equals(payload.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json;
  }
}
