package dev.checkpoint.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointKeyTest {

  private static final CheckpointKey KEY =
      CheckpointKey.of(new CheckpointKey.Segment("orders", "HTTP_SERVER", "POST /orders", 0))
          .child(new CheckpointKey.Segment("orders", "SQL", "insert into orders", 2));

  @Test
  void rendersServiceKindNameAndOrdinalAlongThePath() {
    assertThat(KEY)
        .hasToString("orders/HTTP_SERVER/POST /orders#0 > orders/SQL/insert into orders#2");
    assertThat(KEY.last().toString()).isEqualTo("orders/SQL/insert into orders#2");
    assertThat(KEY.parent().orElseThrow()).hasToString("orders/HTTP_SERVER/POST /orders#0");
    assertThat(KEY.parent().orElseThrow().parent()).isEmpty();
  }

  @Test
  void readsBackWhatItRenders() {
    assertThat(CheckpointKey.parse(KEY.toString())).isEqualTo(KEY);
  }

  @Test
  void escapesWhatWouldBeAmbiguous() {
    CheckpointKey key =
        CheckpointKey.of(new CheckpointKey.Segment("a/b>c", "K\\ND", "x > y #1 a/b\n\tz\u0001", 3))
            .child(new CheckpointKey.Segment("s", "METHOD", "#", 0));

    assertThat(key).hasToString("a\\/b\\>c/K\\\\ND/x \\> y #1 a/b\\n\\tz\\u0001#3 > s/METHOD/##0");
    assertThat(CheckpointKey.parse(key.toString())).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"orders/METHOD/run", "orders/METHOD/run#x", "orders#0", "a/b/c#0>d/e/f#0"})
  void rejectsTextThatIsNotAKey(String text) {
    assertThatThrownBy(() -> CheckpointKey.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + text + "' is not a checkpoint key: ")
        .hasMessageEndingWith(
            ". A key is service/kind/name#ordinal segments joined by ' > ', such as"
                + " 'orders/HTTP_SERVER/POST /orders#0 > orders/SQL/insert into orders#0'.");
  }

  @Test
  void sayWhyTextIsNotAKey() {
    assertThatThrownBy(() -> CheckpointKey.parse("orders/METHOD/run"))
        .hasMessageContaining("does not end with #<ordinal>");
    assertThatThrownBy(() -> CheckpointKey.parse("orders#0"))
        .hasMessageContaining("does not have service/kind/name");
  }
}
