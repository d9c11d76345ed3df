package dev.checkpoint.core.internal.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.capture.SqlValues;
import java.math.BigDecimal;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.UUID;

/**
 * The way back from {@link SqlValues}: a recorded column value (JSON) as the Java value a {@link
 * java.sql.ResultSet} getter returns, read by the column's recorded JDBC type where the getter
 * leaves the type open ({@code getObject}). Only replay reads values back, so this lives here
 * rather than beside the recording side.
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
   * @param column the column the value was recorded in
   * @throws RuntimeException when the value cannot be read that way
   */
  static Object read(String getter, Class<?> target, JsonNode value, ReplayColumn column) {
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
        return isNull ? null : timestamp(text(value));
      case "getBytes":
        return isNull ? null : Base64.getDecoder().decode(text(value));
      case "getObject":
        if (isNull) {
          return null;
        }
        return as(target == null ? javaClass(column) : target, value);
      default:
        throw new UnsupportedOperationException(
            getter + " is not supported; read the value with getObject or getString");
    }
  }

  /**
   * The class {@code getObject} returns for a column, as JDBC maps SQL types; {@code Object} when
   * the type was not recorded.
   */
  static Class<?> javaClass(ReplayColumn column) {
    if (column.typeName().equalsIgnoreCase("uuid")) {
      return UUID.class;
    }
    return switch (column.jdbcType()) {
      case Types.BIT, Types.BOOLEAN -> Boolean.class;
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> Integer.class;
      case Types.BIGINT -> Long.class;
      case Types.REAL -> Float.class;
      case Types.FLOAT, Types.DOUBLE -> Double.class;
      case Types.NUMERIC, Types.DECIMAL -> BigDecimal.class;
      case Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.NCHAR,
          Types.NVARCHAR,
          Types.LONGNVARCHAR,
          Types.CLOB,
          Types.NCLOB ->
          String.class;
      case Types.DATE -> java.sql.Date.class;
      case Types.TIME -> Time.class;
      case Types.TIMESTAMP -> Timestamp.class;
      case Types.TIME_WITH_TIMEZONE -> OffsetTime.class;
      case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.class;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> byte[].class;
      default -> Object.class;
    };
  }

  private static String text(JsonNode value) {
    if (!value.isValueNode()) {
      throw new IllegalArgumentException("the value is not a scalar");
    }
    return value.asText();
  }

  /* A timestamp as recorded: local ("2026-11-23T10:15:30") or with an offset. */
  private static Timestamp timestamp(String text) {
    String iso = text.replace(' ', 'T');
    return hasOffset(iso)
        ? Timestamp.from(OffsetDateTime.parse(iso).toInstant())
        : Timestamp.valueOf(LocalDateTime.parse(iso));
  }

  private static boolean hasOffset(String iso) {
    int time = iso.indexOf('T');
    return time > 0
        && (iso.endsWith("Z") || iso.indexOf('+', time) > 0 || iso.indexOf('-', time) > 0);
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
    if (target == Object.class) {
      return natural(value);
    }
    if (target == String.class) {
      return value.asText();
    }
    if (target == Integer.class) {
      return read("getInt", null, value, null);
    }
    if (target == Long.class) {
      return read("getLong", null, value, null);
    }
    if (target == Short.class) {
      return read("getShort", null, value, null);
    }
    if (target == Byte.class) {
      return read("getByte", null, value, null);
    }
    if (target == Double.class) {
      return read("getDouble", null, value, null);
    }
    if (target == Float.class) {
      return read("getFloat", null, value, null);
    }
    if (target == BigDecimal.class) {
      return read("getBigDecimal", null, value, null);
    }
    if (target == Boolean.class) {
      return read("getBoolean", null, value, null);
    }
    if (target == byte[].class) {
      return read("getBytes", null, value, null);
    }
    if (target == java.sql.Date.class) {
      return read("getDate", null, value, null);
    }
    if (target == Time.class) {
      return read("getTime", null, value, null);
    }
    if (target == Timestamp.class) {
      return read("getTimestamp", null, value, null);
    }
    if (target == LocalDate.class) {
      return LocalDate.parse(text(value).substring(0, 10));
    }
    if (target == LocalDateTime.class) {
      return LocalDateTime.parse(text(value).replace(' ', 'T'));
    }
    if (target == LocalTime.class) {
      return LocalTime.parse(text(value));
    }
    if (target == OffsetDateTime.class) {
      return OffsetDateTime.parse(text(value).replace(' ', 'T'));
    }
    if (target == OffsetTime.class) {
      return OffsetTime.parse(text(value));
    }
    if (target == ZonedDateTime.class) {
      return ZonedDateTime.parse(text(value).replace(' ', 'T'));
    }
    if (target == Instant.class) {
      return timestamp(text(value)).toInstant();
    }
    if (target == UUID.class) {
      return UUID.fromString(text(value));
    }
    return MAPPER.convertValue(value, target);
  }
}
