package dev.checkpoint.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

  @Test
  void writesWhatInstantToStringWritesForEachFractionLength() {
    for (String text :
        new String[] {
          "2026-12-06T06:03:48Z",
          "2026-12-06T06:03:48.100Z",
          "2026-12-06T06:03:48.120Z",
          "2026-12-06T06:03:48.000100Z",
          "2026-12-06T06:03:48.000000001Z",
          "2026-12-06T06:03:48.123456789Z",
          "2024-02-29T23:59:59.999Z",
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999999999Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999999Z",
          "1900-03-01T12:00:00Z",
        }) {
      Instant instant = Instant.parse(text);
      assertThat(InstantText.format(instant)).as(text).isEqualTo(instant.toString());
    }
  }

  @Test
  void writesWhatInstantToStringWritesBeyondFourDigitYears() {
    for (Instant instant :
        new Instant[] {
          Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
          Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1),
          Instant.MIN,
          Instant.MAX,
        }) {
      assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
    }
  }

  @Test
  void writesWhatInstantToStringWritesAcrossTheFourDigitYears() {
    SplittableRandom random = new SplittableRandom(20);
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
    }
  }
}
