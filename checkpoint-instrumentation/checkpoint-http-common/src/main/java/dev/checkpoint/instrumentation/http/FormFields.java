package dev.checkpoint.instrumentation.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a form body ({@code application/x-www-form-urlencoded} or {@code
 * multipart/form-data}) in their recorded shape: an object where a field sent once has its value, a
 * repeated field an array of its values, and an uploaded file {@code {"filename", "contentType",
 * "size", "prefix"}}, the prefix being the file's first {@value #FILE_PREFIX_BYTES} bytes in
 * Base64. Secret field names are redacted by the payload capture, as JSON keys are.
 *
 * <p>Built from the body's bytes, or, by instrumentation whose framework parsed the form itself (a
 * servlet container answering {@code getParameter} or {@code getParts}), field by field. Keeps
 * about {@code limit} characters of names and values; fields past that are counted, not kept, and
 * the body is recorded truncated. Not thread-safe: filled by one thread, then recorded.
 */
public final class FormFields {

  /** Bytes of an uploaded file recorded as its prefix: enough to tell its format and content. */
  public static final int FILE_PREFIX_BYTES = 64;

  /** JSON punctuation around one field: quotes, colon, comma. */
  private static final int FIELD_OVERHEAD = 6;

  private final Map<String, List<Object>> fields = new LinkedHashMap<>();
  private final int limit;
  private long size;

  /**
   * Creates an empty form.
   *
   * @param limit how many characters of names and values to keep, about the payload limit
   */
  public FormFields(int limit) {
    this.limit = limit;
  }

  /**
   * The fields of an url-encoded body such as {@code a=1&b=2}; names and values are decoded as
   * UTF-8, a malformed escape is kept as it is.
   *
   * @param form the body as text
   * @param limit how many characters to keep
   * @return the fields
   */
  public static FormFields urlEncoded(String form, int limit) {
    FormFields fields = new FormFields(limit);
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      fields.add(
          decode(equals < 0 ? pair : pair.substring(0, equals)),
          equals < 0 ? "" : decode(pair.substring(equals + 1)));
    }
    return fields;
  }

  /**
   * Adds one value of a field.
   *
   * @param name the field name
   * @param value the value
   */
  public void add(String name, String value) {
    keep(name, value, name.length() + value.length() + FIELD_OVERHEAD);
  }

  /**
   * Adds an uploaded file.
   *
   * @param name the field name
   * @param filename the name the client gave the file, may be {@code null}
   * @param contentType the file's content type, may be {@code null}
   * @param fileSize the file's size in bytes
   * @param start the file's first bytes; only the first {@value #FILE_PREFIX_BYTES} are recorded
   */
  public void addFile(
      String name, String filename, String contentType, long fileSize, byte[] start) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("filename", filename);
    file.put("contentType", contentType);
    file.put("size", fileSize);
    int prefixLength = Math.min(start.length, FILE_PREFIX_BYTES);
    file.put("prefix", Base64.getEncoder().encodeToString(Arrays.copyOf(start, prefixLength)));
    int estimate =
        name.length()
            + (filename == null ? 0 : filename.length())
            + (contentType == null ? 0 : contentType.length())
            + prefixLength * 4 / 3
            + 64;
    keep(name, file, estimate);
  }

  /**
   * Counts a value too large to keep beside the others: the form is then recorded truncated.
   *
   * @param name the field name
   * @param length the value's length
   */
  public void omit(String name, long length) {
    size = Math.max(size + name.length() + length + FIELD_OVERHEAD, limit + 1L);
  }

  /**
   * The values of one field, in the order they were added.
   *
   * @param name the field name
   * @return its values, each a string or a file; empty when there is none
   */
  public List<Object> values(String name) {
    List<Object> values = fields.get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  /**
   * How many more characters of values are kept, so that a caller reading a value from a stream
   * reads no more than that.
   *
   * @return characters, zero once the limit is reached
   */
  public int room() {
    return (int) Math.max(0, limit - size);
  }

  /**
   * The recorded shape of the fields kept.
   *
   * @return field names to a value, an array of values, or a file
   */
  public Map<String, Object> value() {
    Map<String, Object> value = new LinkedHashMap<>();
    fields.forEach((name, values) -> value.put(name, values.size() == 1 ? values.get(0) : values));
    return value;
  }

  /**
   * Whether fields were left out because the limit was reached.
   *
   * @return {@code true} when the form is recorded truncated
   */
  public boolean overflowed() {
    return size > limit;
  }

  /**
   * About how large the form's recorded shape is, kept or not.
   *
   * @return characters of names, values and punctuation
   */
  public long size() {
    return size;
  }

  /**
   * Whether there are no fields at all.
   *
   * @return {@code true} for an empty form
   */
  public boolean isEmpty() {
    return size == 0;
  }

  private void keep(String name, Object value, long estimate) {
    size += estimate;
    if (size <= limit) {
      fields.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }
}
