package dev.checkpoint.instrumentation.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recorded shape of HTTP headers: names lower-cased and sorted, so assets diff cleanly, and
 * repeated values joined with {@code ", "} as HTTP allows. Secret headers are redacted later by the
 * payload capture, which reports them as {@code input.headers.<name>}.
 */
public final class HeaderMaps {

  /**
   * How many lower-cased header names are kept at most. Names come from clients, so the cache stops
   * growing when full; the names of one service's traffic are far fewer.
   */
  static final int NAMES_KEPT = 256;

  /**
   * Header names as containers and clients give them ({@code Content-Type}) to their lower-cased
   * form: the same few names on every recorded request and response, each lower-cased into a new
   * string.
   */
  private static final Map<String, String> LOWER_CASE = new ConcurrentHashMap<>();

  private HeaderMaps() {}

  /**
   * Collects headers.
   *
   * @param headers header names to their values, in any case
   * @return the recorded shape
   */
  public static Map<String, String> of(Map<String, ? extends List<String>> headers) {
    Map<String, String> result = new TreeMap<>();
    headers.forEach(
        (name, values) -> {
          if (name != null && !name.startsWith(":")) {
            for (String value : values) {
              add(result, name, value);
            }
          }
        });
    return result;
  }

  /**
   * Adds one header value to a recorded shape.
   *
   * @param headers the map built so far, from {@link #empty()}
   * @param name the header name, in any case
   * @param value the value
   */
  public static void add(Map<String, String> headers, String name, String value) {
    headers.merge(lowerCase(name), value, (first, next) -> first + ", " + next);
  }

  static String lowerCase(String name) {
    String lower = LOWER_CASE.get(name);
    if (lower == null) {
      lower = name.toLowerCase(Locale.ROOT);
      // A name already in lower case is returned as it is: nothing to keep.
      if (!lower.equals(name) && LOWER_CASE.size() < NAMES_KEPT) {
        LOWER_CASE.putIfAbsent(name, lower);
      }
    }
    return lower;
  }

  static int namesKept() {
    return LOWER_CASE.size();
  }

  /**
   * An empty recorded shape to {@link #add} to.
   *
   * @return a sorted map
   */
  public static Map<String, String> empty() {
    return new TreeMap<>();
  }
}
