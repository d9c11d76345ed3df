package dev.checkpoint.assets.internal;

/**
 * A glob pattern on names: {@code *} matches any characters, {@code ?} one character. Matched by
 * walking the name once for each star at most, never by a regular expression: the regular
 * expression of a glob with many stars ({@code *a*a*a*a*b}) backtracks exponentially on a long
 * name, which made one key rule in an asset file take minutes.
 */
public final class Glob {
  private final int[] pattern;
  private final boolean ignoreCase;

  private Glob(int[] pattern, boolean ignoreCase) {
    this.pattern = pattern;
    this.ignoreCase = ignoreCase;
  }

  /**
   * @param ignoreCase whether ASCII letters match in either case
   */
  public static Glob compile(String glob, boolean ignoreCase) {
    return new Glob(glob.codePoints().toArray(), ignoreCase);
  }

  /** Whether the whole name matches. */
  public boolean matches(String name) {
    int[] text = name.codePoints().toArray();
    int p = 0;
    int t = 0;
    // The last star seen and where in the text it took over: on a mismatch it takes one more.
    int star = -1;
    int resume = 0;
    while (t < text.length) {
      if (p < pattern.length && pattern[p] == '*') {
        star = p++;
        resume = t;
      } else if (p < pattern.length && (pattern[p] == '?' || same(pattern[p], text[t]))) {
        p++;
        t++;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length && pattern[p] == '*') {
      p++;
    }
    return p == pattern.length;
  }

  private boolean same(int a, int b) {
    return a == b
        || (ignoreCase
            && a < 128
            && b < 128
            && Character.toLowerCase(a) == Character.toLowerCase(b));
  }
}
