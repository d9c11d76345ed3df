package dev.checkpoint.junit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/** Converts between Java values and recorded JSON the way checkpoint-core records them. */
public final class Payloads {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // Recorded objects carry every getter, derived ones too; the type need not have them all.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private Payloads() {}

  public static JsonNode toJson(Object value) {
    return value instanceof JsonNode json ? json : MAPPER.valueToTree(value);
  }

  public static String pretty(JsonNode value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Converts a recorded value to a parameter type.
   *
   * @param what which value, for the error message, such as {@code input field 'amount'}
   * @param call the call it belongs to, for the error message
   * @throws IllegalArgumentException saying which value could not become which type, and why
   */
  public static Object convert(JsonNode value, Type type, String what, Object call) {
    JavaType javaType = MAPPER.getTypeFactory().constructType(type);
    if (javaType.getRawClass() == JsonNode.class) {
      return value;
    }
    try {
      return MAPPER.treeToValue(value, javaType);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String text = value.toString();
      throw new IllegalArgumentException(
          "The recorded "
              + what
              + " of "
              + call
              + " cannot be read as "
              + javaType.toCanonical()
              + ": "
              + (e instanceof JsonProcessingException json
                  ? json.getOriginalMessage()
                  : e.getMessage())
              + (text.contains("\"<")
                  ? ". An asset of format version 1 replaced a value with a placeholder; record"
                      + " the asset again (version 2 keeps recorded values), or take the value as"
                      + " JsonNode or RecordedCall."
                  : ". Take it as JsonNode or RecordedCall, or change the parameter type."),
          e);
    }
  }
}
