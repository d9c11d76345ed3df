package dev.checkpoint.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant as {@link Instant#toString()} writes it (ISO-8601 in UTC, the fraction in groups of
 * three digits, none when zero), written straight into the string's bytes. {@code toString} goes
 * through a {@code DateTimeFormatter}, a date-time and two string builders, and every time a
 * recorded application reads is kept as this text.
 */
public final class InstantText {

  /** {@code 0000-01-01T00:00:00Z}: from here on the year has four digits and no sign. */
  private static final long FIRST_SECOND = -62_167_219_200L;

  /** {@code 9999-12-31T23:59:59Z}: after it the year has five digits and a sign. */
  private static final long LAST_SECOND = 253_402_300_799L;

  private static final int SECONDS_PER_DAY = 86_400;

  private InstantText() {}

  /**
   * Writes an instant.
   *
   * @param instant the instant
   * @return the same text as {@code instant.toString()}
   */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
      return instant.toString();
    }
    int nanos = instant.getNano();
    int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    byte[] text = new byte[20 + (fractionDigits == 0 ? 0 : 1 + fractionDigits)];
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
    digits(text, 0, date.getYear(), 4);
    text[4] = '-';
    digits(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    digits(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, secondOfDay % 60, 2);
    int end = 19;
    if (fractionDigits > 0) {
      text[end++] = '.';
      int fraction = nanos;
      for (int i = fractionDigits; i < 9; i++) {
        fraction /= 10;
      }
      digits(text, end, fraction, fractionDigits);
      end += fractionDigits;
    }
    text[end] = 'Z';
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code value} as exactly {@code count} decimal digits, zero-padded on the left. */
  private static void digits(byte[] text, int offset, int value, int count) {
    for (int i = offset + count - 1; i >= offset; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
