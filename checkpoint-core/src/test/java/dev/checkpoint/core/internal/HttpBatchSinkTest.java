package dev.checkpoint.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class HttpBatchSinkTest {

  @Test
  void retryAfterInSecondsIsTakenAsIs() {
    assertThat(HttpBatchSink.retryAfterMillis(" 3 ")).isEqualTo(3_000);
    assertThat(HttpBatchSink.retryAfterMillis("-5")).isZero();
  }

  @Test
  void retryAfterAsAnHttpDateWaitsUntilThatTime() {
    String inAMinute =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.now().plus(Duration.ofMinutes(1)).atOffset(ZoneOffset.UTC));

    // The date has whole seconds, so up to one second of the minute is already gone.
    assertThat(HttpBatchSink.retryAfterMillis(inAMinute)).isBetween(58_000L, 60_000L);
  }

  @Test
  void retryAfterInThePastOrInNeitherFormAsksForNoWait() {
    assertThat(HttpBatchSink.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
    assertThat(HttpBatchSink.retryAfterMillis("soon")).isZero();
  }
}
