package dev.checkpoint.server.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {
  @Test
  void putsEachClauseOnItsOwnLine() {
    assertThat(
            SqlText.format(
                "SELECT o.id, c.name FROM orders o LEFT JOIN customers c ON c.id = o.customer_id"
                    + " WHERE o.status = ? AND o.total > 10 ORDER BY o.id LIMIT 5"))
        .isEqualTo(
            """
            SELECT o.id, c.name
            FROM orders o
            LEFT JOIN customers c
              ON c.id = o.customer_id
            WHERE o.status = ?
              AND o.total > 10
            ORDER BY o.id
            LIMIT 5""");
  }

  @Test
  void leavesQuotedTextAsItIs() {
    assertThat(SqlText.format("select 'a  from  b' from t where x = \"or\"  and y = 'it''s'"))
        .isEqualTo("select 'a  from  b'\nfrom t\nwhere x = \"or\"\n  and y = 'it''s'");
  }
}
