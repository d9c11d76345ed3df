package dev.checkpoint;

/**
 * The id of a run. Run ids travel in W3C {@code baggage}, URL paths and query strings, file names
 * and command lines, so they are limited to characters all of these carry unescaped, and start with
 * a letter or digit (never an option-like {@code -} or a hidden-file {@code .}).
 */
public final class RunId {

  /** Longest run id accepted. */
  public static final int MAX_LENGTH = 128;

  /**
   * What a valid value looks like, worded to follow "must be" in an error message: {@code
   * "CHECKPOINT_RUN_ID must be " + RunId.RULE}.
   */
  public static final String RULE =
      "1 to 128 characters of letters, digits and . _ : @ + -, starting with a letter or digit"
          + " (such as nightly-2026-11-23 or build@42)";

  private static final String PUNCTUATION = "._:@+-";

  private RunId() {}

  /**
   * Checks a run id.
   *
   * @param value the candidate, may be {@code null}
   * @return whether it follows {@link #RULE}
   */
  public static boolean isValid(CharSequence value) {
    if (value == null
        || value.length() == 0
        || value.length() > MAX_LENGTH
        || !isAlphanumeric(value.charAt(0))) {
      return false;
    }
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isAlphanumeric(c) && PUNCTUATION.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
