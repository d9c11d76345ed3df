package dev.checkpoint.instrumentation.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.core.capture.Redaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextsTest {

  private static final String INSERT = "INSERT INTO users (name, password, badge) VALUES (?, ?, ?)";

  @Test
  void answersAsTheScansDoAgainForTheSameText() {
    Redaction redaction = Redaction.withExtra(List.of("badge"));
    for (int i = 0; i < 2; i++) {
      assertThat(SqlTexts.name(INSERT)).isEqualTo(SqlNames.name(INSERT));
      assertThat(SqlTexts.secretIndexes(INSERT, redaction))
          .isEqualTo(BindColumns.secretIndexes(INSERT, redaction))
          .containsExactlyInAnyOrder(2, 3);
    }
    // The columns are kept, not the redaction's verdict: other keys give other indexes.
    assertThat(SqlTexts.secretIndexes(INSERT, Redaction.defaults())).containsExactly(2);
  }

  @Test
  void staysBoundedWhenEveryTextIsNew() {
    for (int i = 0; i < SqlTexts.MAX_ENTRIES * 3; i++) {
      assertThat(SqlTexts.name("SELECT * FROM orders WHERE id = " + i)).isEqualTo("SELECT orders");
      assertThat(SqlTexts.size()).isLessThanOrEqualTo(SqlTexts.MAX_ENTRIES);
    }
    String giant =
        "SELECT * FROM orders WHERE note = '" + "x".repeat(SqlTexts.MAX_TEXT_LENGTH) + "'";
    int before = SqlTexts.size();
    assertThat(SqlTexts.name(giant)).isEqualTo("SELECT orders");
    assertThat(SqlTexts.size()).isEqualTo(before);
  }
}
