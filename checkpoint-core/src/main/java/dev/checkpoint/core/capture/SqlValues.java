package dev.checkpoint.core.capture;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;

/**
 * Turns values read from or bound to JDBC into stable JSON values: numbers, booleans and text stay
 * as they are, temporal values become ISO-8601 text as the database shows it, bytes become Base64,
 * vendor objects their text form. Large objects and streams are never read (that would consume them
 * for the application): they become a placeholder such as {@code "<Blob>"}.
 *
 * <p>The one mapping of SQL values: the JDBC instrumentation records bind values and rows with it,
 * and the JUnit replay turns the bind values of a replayed statement into JSON with it, so that
 * they match what was recorded.
 */
public final class SqlValues {

  private static final List<Class<?>> UNREADABLE =
      List.of(
          Blob.class,
          Clob.class,
          SQLXML.class,
          Array.class,
          Ref.class,
          Struct.class,
          RowId.class,
          ResultSet.class,
          InputStream.class,
          Reader.class);

  private SqlValues() {}

  /**
   * The JSON-ready form of a value. Text is cut to {@code maxChars} characters only to bound
   * memory: a value that long is over the payload limit anyway, which the capture marks.
   *
   * @param value a value bound to or read from JDBC; may be {@code null}
   * @param maxChars the most characters of text kept
   * @return {@code null}, a {@link Number}, a {@link Boolean} or a {@link String}
   */
  public static Object toJson(Object value, int maxChars) {
    if (value == null
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Double
        || value instanceof Float
        || value instanceof BigDecimal
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof byte[] bytes) {
      return cut(Base64.getEncoder().encodeToString(bytes), maxChars);
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof Time time) {
      return time.toLocalTime().toString();
    }
    String placeholder = placeholder(value);
    return placeholder != null ? placeholder : cut(String.valueOf(value), maxChars);
  }

  private static String placeholder(Object value) {
    for (Class<?> type : UNREADABLE) {
      if (type.isInstance(value)) {
        return "<" + type.getSimpleName() + ">";
      }
    }
    return null;
  }

  private static String cut(String text, int maxChars) {
    return text.length() <= maxChars ? text : text.substring(0, maxChars);
  }

  /**
   * A rough size of the value's JSON, to stop collecting rows once the payload limit is hit.
   *
   * @param jsonValue a value returned by {@link #toJson}
   * @return its approximate size in characters
   */
  public static int estimatedSize(Object jsonValue) {
    return jsonValue instanceof String text ? text.length() + 2 : 8;
  }
}
