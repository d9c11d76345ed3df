package dev.checkpoint.core.propagation;

import dev.checkpoint.RunId;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The W3C {@code baggage} header: comma-separated {@code key=value} members with optional {@code
 * ;property} parts. Checkpoint reads and writes the member {@value #RUN_KEY}.
 *
 * <p>Parsing follows the W3C Baggage limits (8192 bytes, 180 members); invalid members are skipped
 * so one bad entry from another tool does not hide the run id.
 */
public final class Baggage {

  /** The header name. */
  public static final String HEADER = "baggage";

  /** The member that carries the run id. */
  public static final String RUN_KEY = "checkpoint.run";

  /**
   * The member that names the recording a replayed entry request is answered from: {@code
   * <traceId>:<entry checkpoint id>} for a checkpoint server, {@code <asset path>#<stable key>} for
   * assets. Read on entry only, never propagated.
   */
  public static final String REPLAY_KEY = "checkpoint.replay";

  static final int MAX_BYTES = 8192;
  static final int MAX_MEMBERS = 180;

  private static final Baggage EMPTY = new Baggage(Map.of());

  private final Map<String, String> entries;

  private Baggage(Map<String, String> entries) {
    this.entries = entries;
  }

  /**
   * No members.
   *
   * @return the empty baggage
   */
  public static Baggage empty() {
    return EMPTY;
  }

  /**
   * Parses a header value; never throws.
   *
   * @param header the header value, may be {@code null}
   * @return the valid members, in order; empty when none or when the header is over the limits
   */
  public static Baggage parse(String header) {
    if (header == null
        || header.isBlank()
        || header.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return EMPTY;
    }
    Map<String, String> entries = new LinkedHashMap<>();
    String[] members = header.split(",", -1);
    if (members.length > MAX_MEMBERS) {
      return EMPTY;
    }
    for (String member : members) {
      int semicolon = member.indexOf(';');
      String keyValue = semicolon >= 0 ? member.substring(0, semicolon) : member;
      int equals = keyValue.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String key = keyValue.substring(0, equals).strip();
      String value = decode(keyValue.substring(equals + 1).strip());
      if (isToken(key) && value != null) {
        entries.putIfAbsent(key, value);
      }
    }
    return entries.isEmpty() ? EMPTY : new Baggage(Collections.unmodifiableMap(entries));
  }

  /**
   * Returns a copy with one member set.
   *
   * @param key a valid token
   * @param value any string; percent-encoded when formatted
   * @return the new baggage
   * @throws IllegalArgumentException when {@code key} is not a token
   */
  public Baggage with(String key, String value) {
    if (!isToken(key)) {
      throw new IllegalArgumentException("Not a valid baggage key (an RFC 7230 token): " + key);
    }
    Map<String, String> copy = new LinkedHashMap<>(entries);
    copy.put(key, value);
    return new Baggage(Collections.unmodifiableMap(copy));
  }

  /**
   * One member's value.
   *
   * @param key the key
   * @return the decoded value, or {@code null}
   */
  public String get(String key) {
    return entries.get(key);
  }

  /**
   * The run id member.
   *
   * @return the run id, or {@code null} when absent or not a valid run id
   */
  public String runId() {
    String runId = entries.get(RUN_KEY);
    return RunId.isValid(runId) ? runId : null;
  }

  /**
   * All members.
   *
   * @return an unmodifiable map in header order
   */
  public Map<String, String> asMap() {
    return entries;
  }

  /**
   * Formats the header value.
   *
   * @return members joined by commas, values percent-encoded
   */
  public String format() {
    StringJoiner joiner = new StringJoiner(",");
    entries.forEach(
        (key, value) ->
            joiner.add(
                key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    return joiner.toString();
  }

  private static String decode(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // baggage-octet: printable US-ASCII without space, quote, comma, semicolon and backslash
      if (c < 0x21 || c > 0x7E || c == '"' || c == ',' || c == ';' || c == '\\') {
        return null;
      }
    }
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isToken(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Baggage baggage && entries.equals(baggage.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return format();
  }
}
