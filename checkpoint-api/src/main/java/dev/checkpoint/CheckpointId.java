package dev.checkpoint;

import dev.checkpoint.internal.LowerHex;

/** The id of a checkpoint within its tree: a W3C span id, 16 lowercase hex digits, not all zero. */
public final class CheckpointId {

  /** Number of hex digits. */
  public static final int LENGTH = 16;

  /**
   * What a valid value looks like, worded to follow "must be" in an error message: {@code
   * "checkpoints[3].parentId must be " + CheckpointId.RULE}.
   */
  public static final String RULE = "a W3C span id: 16 lowercase hex digits, not all zero";

  private CheckpointId() {}

  /**
   * Checks a checkpoint id.
   *
   * @param value the candidate, may be {@code null}
   * @return whether it is 16 lowercase hex digits and not all zero
   */
  public static boolean isValid(CharSequence value) {
    return LowerHex.isValidId(value, LENGTH);
  }

  /**
   * Formats a checkpoint id.
   *
   * @param value the 64 bits
   * @return 16 lowercase hex digits; valid unless the value is zero
   */
  public static String fromLong(long value) {
    char[] chars = new char[LENGTH];
    LowerHex.write(value, chars, 0);
    return new String(chars);
  }
}
