package dev.checkpoint.internal;

/** The W3C id shape shared by trace and checkpoint ids: lowercase hex digits, not all zero. */
public final class LowerHex {

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private LowerHex() {}

  /**
   * Whether the value has exactly {@code length} lowercase hex digits and not all of them zero.
   *
   * @param value the candidate, may be {@code null}
   * @param length the number of digits
   * @return whether it is a valid id of that length
   */
  public static boolean isValidId(CharSequence value, int length) {
    if (value == null || value.length() != length) {
      return false;
    }
    boolean nonZero = false;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
      nonZero |= c != '0';
    }
    return nonZero;
  }

  /**
   * Writes the 16 hex digits of a long, most significant first.
   *
   * @param value the value
   * @param target where to write
   * @param offset the index of the first digit in {@code target}
   */
  public static void write(long value, char[] target, int offset) {
    for (int i = 15; i >= 0; i--) {
      target[offset + i] = DIGITS[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
