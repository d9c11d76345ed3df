package dev.checkpoint.junit.internal.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.capture.SqlValues;
import java.math.BigDecimal;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/**
 * The way back from {@link SqlValues}: a recorded column value (JSON) as the Java value a {@link
 * java.sql.ResultSet} getter returns. Only replay reads values back, so this lives here rather than
 * beside the recording side.
 */
final class RecordedValues {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RecordedValues() {}

  /**
   * Converts a recorded value for a getter.
   *
   * @param getter the {@code ResultSet} method, such as {@code getInt}
   * @param target the class given to {@code getObject(int, Class)}, or {@code null}
   * @param value the recorded value; JSON null or missing for SQL NULL
   * @throws RuntimeException when the value cannot be read that way
   */
  static Object read(String getter, Class<?> target, JsonNode value) {
    boolean isNull = value.isNull() || value.isMissingNode();
    switch (getter) {
      case "getString":
      case "getNString":
        return isNull ? null : value.asText();
      case "getInt":
        return isNull ? 0 : value.isNumber() ? value.intValue() : Integer.parseInt(text(value));
      case "getLong":
        return isNull ? 0L : value.isNumber() ? value.longValue() : Long.parseLong(text(value));
      case "getShort":
        return isNull ? (short) 0 : (short) Integer.parseInt(value.asText());
      case "getByte":
        return isNull ? (byte) 0 : (byte) Integer.parseInt(value.asText());
      case "getDouble":
        return isNull
            ? 0d
            : value.isNumber() ? value.doubleValue() : Double.parseDouble(text(value));
      case "getFloat":
        return isNull
            ? 0f
            : (float) (value.isNumber() ? value.doubleValue() : Double.parseDouble(text(value)));
      case "getBoolean":
        return !isNull
            && (value.isBoolean()
                ? value.booleanValue()
                : value.isNumber()
                    ? value.intValue() != 0
                    : Boolean.parseBoolean(text(value)) || text(value).equals("1"));
      case "getBigDecimal":
        return isNull
            ? null
            : value.isNumber() ? value.decimalValue() : new BigDecimal(text(value));
      case "getDate":
        return isNull ? null : java.sql.Date.valueOf(LocalDate.parse(text(value).substring(0, 10)));
      case "getTime":
        return isNull ? null : Time.valueOf(LocalTime.parse(text(value)));
      case "getTimestamp":
        return isNull ? null : Timestamp.valueOf(LocalDateTime.parse(text(value)));
      case "getBytes":
        return isNull ? null : Base64.getDecoder().decode(text(value));
      case "getObject":
        return isNull ? null : target == null ? natural(value) : as(target, value);
      default:
        throw new UnsupportedOperationException(
            getter + " is not supported; read the value with getObject or getString");
    }
  }

  private static String text(JsonNode value) {
    if (!value.isValueNode()) {
      throw new IllegalArgumentException("the value is not a scalar");
    }
    return value.asText();
  }

  private static Object natural(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.canConvertToInt()
          ? (Object) value.intValue()
          : value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    return value.toString();
  }

  private static Object as(Class<?> target, JsonNode value) {
    if (target == String.class) {
      return value.asText();
    }
    if (target == Integer.class) {
      return value.isNumber() ? value.intValue() : Integer.valueOf(text(value));
    }
    if (target == Long.class) {
      return value.isNumber() ? value.longValue() : Long.valueOf(text(value));
    }
    if (target == BigDecimal.class) {
      return value.isNumber() ? value.decimalValue() : new BigDecimal(text(value));
    }
    if (target == Double.class) {
      return value.isNumber() ? value.doubleValue() : Double.valueOf(text(value));
    }
    if (target == Boolean.class) {
      return value.isBoolean() ? value.booleanValue() : Boolean.valueOf(text(value));
    }
    if (target == LocalDate.class) {
      return LocalDate.parse(text(value));
    }
    if (target == LocalDateTime.class) {
      return LocalDateTime.parse(text(value));
    }
    if (target == LocalTime.class) {
      return LocalTime.parse(text(value));
    }
    if (target == OffsetDateTime.class) {
      return OffsetDateTime.parse(text(value));
    }
    if (target == UUID.class) {
      return UUID.fromString(text(value));
    }
    return MAPPER.convertValue(value, target);
  }
}
