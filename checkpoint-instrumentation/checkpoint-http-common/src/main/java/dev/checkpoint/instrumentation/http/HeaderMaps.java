package dev.checkpoint.instrumentation.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recorded shape of HTTP headers: names lower-cased and sorted, so assets diff cleanly, and
 * repeated values joined with {@code ", "} as HTTP allows. Secret headers are redacted later by the
 * payload capture, which reports them as {@code input.headers.<name>}.
 */
public final class HeaderMaps {

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
    headers.merge(name.toLowerCase(Locale.ROOT), value, (first, next) -> first + ", " + next);
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
