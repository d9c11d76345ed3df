package dev.checkpoint.assets.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A JSON Pointer with wildcards: {@code *} in a segment matches any characters of one field name or
 * array index, a segment {@code **} matches any number of segments. {@code ~1} and {@code ~0}
 * escape {@code /} and {@code ~} as in RFC 6901.
 */
public final class PathPattern {

  /* Compared by identity: stands for a "**" segment. */
  private static final Pattern ANY_DEPTH = Pattern.compile("(?s).*");

  private final String text;
  private final List<Pattern> segments;

  private PathPattern(String text, List<Pattern> segments) {
    this.text = text;
    this.segments = segments;
  }

  /**
   * Parses a pattern.
   *
   * @throws IllegalArgumentException when {@code text} does not start with {@code /}
   */
  public static PathPattern parse(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a path pattern: it must start with '/', like '/output/body/**/createdAt'"
              + " (a JSON Pointer where '*' matches within one segment and '**' any number of"
              + " segments).");
    }
    List<Pattern> segments = new ArrayList<>();
    for (String segment : text.substring(1).split("/", -1)) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      segments.add(name.equals("**") ? ANY_DEPTH : Glob.compile(name, false));
    }
    return new PathPattern(text, segments);
  }

  /** Whether the path (field names and array indices from the root) matches. */
  public boolean matches(List<String> path) {
    return matches(0, path, 0);
  }

  private boolean matches(int p, List<String> path, int s) {
    if (p == segments.size()) {
      return s == path.size();
    }
    Pattern segment = segments.get(p);
    if (segment == ANY_DEPTH) {
      for (int skip = s; skip <= path.size(); skip++) {
        if (matches(p + 1, path, skip)) {
          return true;
        }
      }
      return false;
    }
    return s < path.size() && segment.matcher(path.get(s)).matches() && matches(p + 1, path, s + 1);
  }

  @Override
  public String toString() {
    return text;
  }
}
