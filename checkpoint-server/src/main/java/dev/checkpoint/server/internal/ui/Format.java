package dev.checkpoint.server.internal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write durations, times, kinds, JSON literals and links. */
public final class Format {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Format() {}

  /**
   * Nanoseconds in the unit that keeps three significant digits readable: 850 µs, 12.3 ms, 1.24 s.
   */
  public static String duration(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f ms" : "%.1f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  public static String timeMillis(long unixMillis) {
    return TIME.format(Instant.ofEpochMilli(unixMillis));
  }

  public static String timeNanos(long unixNanos) {
    return TIME.format(Instant.ofEpochSecond(0, unixNanos));
  }

  /** The CSS class that colours a kind, such as {@code kind-http_server}. */
  public static String kindClass(String kind) {
    return "kind-" + kind.toLowerCase(Locale.ROOT);
  }

  /** A short, readable label for a kind. */
  public static String kindLabel(String kind) {
    return Kind.parse(kind).map(Format::label).orElse(kind);
  }

  private static String label(Kind kind) {
    return switch (kind) {
      case HTTP_SERVER -> "HTTP in";
      case HTTP_CLIENT -> "HTTP out";
      case SQL -> "SQL";
      case METHOD -> "method";
      case MESSAGE_PUBLISH -> "publish";
      case MESSAGE_CONSUME -> "consume";
      case CACHE -> "cache";
    };
  }

  /**
   * A JSON value as JSON text, with the characters that can make text look like something else
   * (bidirectional overrides, zero-width characters, line separators) written as {@code \\uXXXX},
   * so that a payload cannot disguise itself on the page.
   */
  public static String json(JsonNode value) {
    return visible(value.toString());
  }

  /** The CSS class of a JSON scalar: j-string, j-number, j-boolean or j-null. */
  public static String jsonClass(JsonNode value) {
    if (value.isTextual()) {
      return "j-string";
    }
    if (value.isNumber()) {
      return "j-number";
    }
    return value.isBoolean() ? "j-boolean" : "j-null";
  }

  /** The text with invisible and direction-changing characters written as {@code \\uXXXX}. */
  public static String visible(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (deceptive(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** Whether the character can make text look like something it is not. */
  static boolean deceptive(char c) {
    return (c >= '\u200B' && c <= '\u200F')
        || (c >= '\u2028' && c <= '\u202E')
        || (c >= '\u2060' && c <= '\u2069')
        || c == '\uFEFF'
        || (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r');
  }

  /** A value for a query string or path segment. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static String runPath(String runId) {
    return "/ui/runs/" + encode(runId);
  }

  public static String treePath(String traceId) {
    return "/ui/traces/" + traceId;
  }

  public static String checkpointPath(String traceId, String checkpointId) {
    return "/ui/traces/" + traceId + "/checkpoints/" + checkpointId;
  }
}
