package dev.checkpoint.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalisationRuleTest {

  @Test
  void keyGlobsMatchWholeNamesWithStarsAndQuestionMarksIgnoringAsciiCase() {
    NormalisationRule token = NormalisationRule.replaceKey("*Token", "<token>");
    NormalisationRule one = NormalisationRule.replaceKey("id?", "<id>");
    NormalisationRule middle = NormalisationRule.replaceKey("a*b*c", "<x>");

    assertThat(token.matches(List.of(), "accessToken")).isTrue();
    assertThat(token.matches(List.of(), "ACCESSTOKEN")).isTrue();
    assertThat(token.matches(List.of(), "Token")).isTrue();
    assertThat(token.matches(List.of(), "tokens")).isFalse();
    assertThat(one.matches(List.of(), "id\uD83D\uDE00")).as("one code point").isTrue();
    assertThat(one.matches(List.of(), "id")).isFalse();
    assertThat(middle.matches(List.of(), "abc")).isTrue();
    assertThat(middle.matches(List.of(), "axxbyyc")).isTrue();
    assertThat(middle.matches(List.of(), "axxbyy")).isFalse();
    assertThat(NormalisationRule.replaceKey("", "<x>").matches(List.of(), "")).isTrue();
  }

  @Test
  void pathPatternsMatchAnyDepthWithDoubleStars() {
    NormalisationRule id = NormalisationRule.replacePath("/output/**/id", "<id>");

    assertThat(id.matches(List.of("output", "id"), "id")).isTrue();
    assertThat(id.matches(List.of("output", "body", "0", "id"), "id")).isTrue();
    assertThat(id.matches(List.of("input", "id"), "id")).isFalse();
    assertThat(id.matches(List.of("output", "id", "x"), "x")).isFalse();
    assertThat(NormalisationRule.replacePath("/**", "<x>").matches(List.of(), null)).isTrue();
  }

  /**
   * Found by AssetFormatFuzzTest: a key glob of many stars became a regular expression that
   * backtracked for minutes on a long name; so did trying every split for many {@code **}.
   */
  @Test
  void manyStarsTakeLinearTime() {
    NormalisationRule stars = NormalisationRule.replaceKey("*a".repeat(16) + "*b", "<x>");
    NormalisationRule doubleStars = NormalisationRule.replacePath("/**".repeat(16) + "/b", "<x>");
    List<String> deep = Collections.nCopies(40, "a");

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThat(stars.matches(List.of(), "a".repeat(40))).isFalse();
          assertThat(doubleStars.matches(deep, "a")).isFalse();
        });
  }
}
