package dev.checkpoint.core.model;

import java.util.concurrent.ThreadLocalRandom;

/** W3C trace and span ids as used for trees and checkpoints: lowercase hex, never all zeros. */
public final class Ids {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /**
   * A random tree (trace) id.
   *
   * @return 32 lowercase hex digits, not all zero
   */
  public static String newTraceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high;
    long low;
    do {
      high = random.nextLong();
      low = random.nextLong();
    } while (high == 0 && low == 0);
    char[] chars = new char[32];
    writeHex(high, chars, 0);
    writeHex(low, chars, 16);
    return new String(chars);
  }

  /**
   * A random checkpoint (span) id.
   *
   * @return 16 lowercase hex digits, not all zero
   */
  public static String newCheckpointId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long value;
    do {
      value = random.nextLong();
    } while (value == 0);
    char[] chars = new char[16];
    writeHex(value, chars, 0);
    return new String(chars);
  }

  /**
   * Checks a tree id.
   *
   * @param value the candidate
   * @return whether it is 32 lowercase hex digits and not all zero
   */
  public static boolean isValidTraceId(CharSequence value) {
    return isLowerHex(value, 32);
  }

  /**
   * Checks a checkpoint id.
   *
   * @param value the candidate
   * @return whether it is 16 lowercase hex digits and not all zero
   */
  public static boolean isValidCheckpointId(CharSequence value) {
    return isLowerHex(value, 16);
  }

  private static boolean isLowerHex(CharSequence value, int length) {
    if (value == null || value.length() != length) {
      return false;
    }
    boolean nonZero = false;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (!digit && !(c >= 'a' && c <= 'f')) {
        return false;
      }
      nonZero |= c != '0';
    }
    return nonZero;
  }

  private static void writeHex(long value, char[] target, int offset) {
    for (int i = 15; i >= 0; i--) {
      target[offset + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
