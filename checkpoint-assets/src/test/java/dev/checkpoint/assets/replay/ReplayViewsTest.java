package dev.checkpoint.assets.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayViewsTest {

  @Test
  void sqlMatchesWhateverTheWhitespaceAndKeywordCase() {
    assertThat(ReplayViews.normaliseSql("SELECT  unit_cents\n  FROM prices WHERE sku = ? ;"))
        .isEqualTo("select unit_cents from prices where sku=?")
        .isEqualTo(ReplayViews.normaliseSql("select unit_cents from prices where sku=?"));
    assertThat(ReplayViews.normaliseSql("INSERT INTO t (a , b) VALUES ( ?, ? )"))
        .isEqualTo("insert into t(a,b)values(?,?)");
  }

  @Test
  void sqlKeepsQuotedTextAsItIs() {
    assertThat(ReplayViews.normaliseSql("SELECT * FROM \"Orders\" WHERE note = 'Two  Spaces'"))
        .isEqualTo("select*from \"Orders\" where note='Two  Spaces'");
  }
}
