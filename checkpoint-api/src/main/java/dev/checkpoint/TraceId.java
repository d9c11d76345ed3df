package dev.checkpoint;

import dev.checkpoint.internal.LowerHex;

/**
 * The id of a tree: a W3C trace id, 32 lowercase hex digits, not all zero. The one definition that
 * the recorder, the server, the runner and the test library check against.
 */
public final class TraceId {

  /** Number of hex digits. */
  public static final int LENGTH = 32;

  /**
   * What a valid value looks like, worded to follow "must be" in an error message: {@code
   * "checkpoints[3].traceId must be " + TraceId.RULE}.
   */
  public static final String RULE = "a W3C trace id: 32 lowercase hex digits, not all zero";

  private TraceId() {}

  /**
   * Checks a trace id.
   *
   * @param value the candidate, may be {@code null}
   * @return whether it is 32 lowercase hex digits and not all zero
   */
  public static boolean isValid(CharSequence value) {
    return LowerHex.isValidId(value, LENGTH);
  }

  /**
   * Formats a trace id from its two halves.
   *
   * @param high the first 64 bits
   * @param low the last 64 bits
   * @return 32 lowercase hex digits; valid unless both halves are zero
   */
  public static String fromLongs(long high, long low) {
    char[] chars = new char[LENGTH];
    LowerHex.write(high, chars, 0);
    LowerHex.write(low, chars, 16);
    return new String(chars);
  }
}
