package dev.checkpoint.instrumentation.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "select id, (select max(x) from b) from orders o where o.id = ? | SELECT orders",
        "SELECT * FROM \"public\".\"Order Items\" | SELECT public.Order Items",
        "  -- why\\n /* hint */ INSERT INTO order_items (a) VALUES (?) | INSERT order_items",
        "insert ignore into `orders` values (1) | INSERT orders",
        "UPDATE ONLY orders SET x = 1 | UPDATE orders",
        "delete from orders where id = 1 | DELETE orders",
        "MERGE INTO stock s USING x ON (1=1) | MERGE stock",
        "CREATE TABLE IF NOT EXISTS orders (id int) | CREATE TABLE orders",
        "create unique index idx_orders on orders(id) | CREATE INDEX idx_orders",
        "DROP TABLE orders | DROP TABLE orders",
        "truncate orders | TRUNCATE orders",
        "{call add_item(?, ?)} | CALL add_item",
        "{? = call shout(?)} | CALL shout",
        "SELECT 1 | SELECT",
        "SELECT * FROM (SELECT 1) t | SELECT",
        "with recent as (select 1) select * from recent | WITH recent as",
        "BEGIN | BEGIN",
        "'broken | SQL",
      })
  void namesAStatementByVerbAndTableOrFirstWords(String sql, String name) {
    assertThat(SqlNames.name(sql.replace("\\n", "\n"))).isEqualTo(name);
  }
}
