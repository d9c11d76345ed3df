package dev.checkpoint.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.checkpoint.contracts.internal.Matcher;
import org.junit.jupiter.api.Test;

class MatcherTest {
  private static final String UUID = "3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8";

  @Test
  void aPlaceholderAroundLiteralTextIsARegexWithTheTextEscaped() {
    Matcher matcher =
        Matcher.of(TextNode.valueOf("/orders/" + UUID + "?x=1"), "/orders/<uuid>?x=1");

    assertThat(matcher.byType()).isFalse();
    assertThat(matcher.regex())
        .isEqualTo(
            "/orders/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\?x=1");
    assertThat(("/orders/" + UUID + "?x=1").matches(matcher.regex())).isTrue();
    assertThat(("/orders/pay_" + UUID + "?x=1").matches(matcher.regex())).isFalse();
  }

  @Test
  void placeholdersThatStandForAnythingNumbersAndRedactedValuesMatchByType() {
    assertThat(Matcher.of(TextNode.valueOf("2026-12-05T18:00:00Z"), "<timestamp>").byType())
        .isTrue();
    assertThat(Matcher.of(IntNode.valueOf(4711), "<id>").byType()).isTrue();
    assertThat(Matcher.of(TextNode.valueOf("[REDACTED]"), Matcher.REDACTED).byType()).isTrue();
    assertThat(Matcher.of(TextNode.valueOf("not a uuid"), "<uuid>").byType())
        .as("a regex the recorded value fails would reject the recording itself")
        .isTrue();
  }
}
