package dev.checkpoint.assets.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON Pointer with wildcards: {@code *} in a segment matches any characters of one field name or
 * array index, a segment {@code **} matches any number of segments. {@code ~1} and {@code ~0}
 * escape {@code /} and {@code ~} as in RFC 6901.
 */
public final class PathPattern {

  /* Compared by identity: stands for a "**" segment. */
  private static final Glob ANY_DEPTH = Glob.compile("*", false);

  private final String text;
  private final List<Glob> segments;

  private PathPattern(String text, List<Glob> segments) {
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
    List<Glob> segments = new ArrayList<>();
    for (String segment : text.substring(1).split("/", -1)) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      segments.add(name.equals("**") ? ANY_DEPTH : Glob.compile(name, false));
    }
    return new PathPattern(text, segments);
  }

  /**
   * Whether the path (field names and array indices from the root) matches. Walked as {@link Glob}
   * walks a name, {@code **} for {@code *}: trying every split for every {@code **} took time
   * exponential in their number.
   */
  public boolean matches(List<String> path) {
    int p = 0;
    int s = 0;
    int anyDepth = -1;
    int resume = 0;
    while (s < path.size()) {
      if (p < segments.size() && segments.get(p) == ANY_DEPTH) {
        anyDepth = p++;
        resume = s;
      } else if (p < segments.size() && segments.get(p).matches(path.get(s))) {
        p++;
        s++;
      } else if (anyDepth >= 0) {
        p = anyDepth + 1;
        s = ++resume;
      } else {
        return false;
      }
    }
    while (p < segments.size() && segments.get(p) == ANY_DEPTH) {
      p++;
    }
    return p == segments.size();
  }

  @Override
  public String toString() {
    return text;
  }
}
