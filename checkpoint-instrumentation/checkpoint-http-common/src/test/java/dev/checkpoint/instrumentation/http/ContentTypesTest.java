package dev.checkpoint.instrumentation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentTypesTest {

  @Test
  void eachHeaderGetsItsOwnAnswersWhenHeadersAlternate() {
    for (int i = 0; i < 3; i++) {
      assertThat(ContentTypes.mediaType("Text/HTML; charset=ISO-8859-1")).isEqualTo("text/html");
      assertThat(ContentTypes.charset("Text/HTML; charset=ISO-8859-1", StandardCharsets.UTF_16))
          .isEqualTo(StandardCharsets.ISO_8859_1);
      assertThat(ContentTypes.mediaType("application/json")).isEqualTo("application/json");
      assertThat(ContentTypes.charset("application/json", StandardCharsets.UTF_16))
          .isEqualTo(StandardCharsets.UTF_16);
      assertThat(ContentTypes.charset("application/json", StandardCharsets.US_ASCII))
          .isEqualTo(StandardCharsets.US_ASCII);
    }
  }

  @Test
  void aQuotedOrUnknownCharsetAndNoHeader() {
    assertThat(ContentTypes.charset("text/plain; charset=\"utf-16\"", StandardCharsets.US_ASCII))
        .isEqualTo(StandardCharsets.UTF_16);
    assertThat(ContentTypes.charset("text/plain; charset=no-such", StandardCharsets.US_ASCII))
        .isEqualTo(StandardCharsets.UTF_8);
    assertThat(ContentTypes.charset(null, StandardCharsets.US_ASCII))
        .isEqualTo(StandardCharsets.US_ASCII);
    assertThat(ContentTypes.mediaType(null)).isEmpty();
  }
}
