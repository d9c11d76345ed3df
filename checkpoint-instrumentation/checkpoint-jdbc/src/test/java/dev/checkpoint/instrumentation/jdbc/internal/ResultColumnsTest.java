package dev.checkpoint.instrumentation.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultColumnsTest {

  private static final String QUERY = "SELECT * FROM items";

  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void aResultOfTheSameShapeGetsTheKeptDescriptionWhichCannotBeChanged() throws SQLException {
    execute("CREATE TABLE items (id INTEGER, name TEXT, id2 INTEGER)");
    String query = "SELECT id, name, id2 AS id FROM items";

    ResultColumns first = columns(query);
    ResultColumns second = columns(query);

    assertThat(second).isSameAs(first);
    assertThat(first.keys()).containsExactly("id", "name", "id#3");
    assertThat(first.described())
        .containsExactly(
            Map.of("label", "id", "key", "id", "type", "INTEGER", "jdbcType", Types.INTEGER),
            Map.of("label", "name", "key", "name", "type", "TEXT", "jdbcType", Types.VARCHAR),
            Map.of("label", "id", "key", "id#3", "type", "INTEGER", "jdbcType", Types.INTEGER));
    assertThat(first.described().get(0).keySet())
        .as("recorded in this order")
        .containsExactly("label", "key", "type", "jdbcType");
    assertThatThrownBy(() -> first.described().add(Map.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.described().get(0).put("label", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aResultOfAnotherShapeForTheSameTextIsDescribedAnew() throws SQLException {
    execute("CREATE TABLE items (id INTEGER, name TEXT)");
    ResultColumns twoColumns = columns(QUERY);

    execute("ALTER TABLE items ADD note TEXT");
    ResultColumns threeColumns = columns(QUERY);

    execute("ALTER TABLE items RENAME COLUMN note TO remark");
    ResultColumns renamed = columns(QUERY);

    execute("DROP TABLE items");
    execute("CREATE TABLE items (id INTEGER, name INTEGER, remark TEXT)");
    ResultColumns retyped = columns(QUERY);

    assertThat(twoColumns.keys()).containsExactly("id", "name");
    assertThat(threeColumns.keys()).containsExactly("id", "name", "note");
    assertThat(renamed.keys()).containsExactly("id", "name", "remark");
    assertThat(retyped.described().get(1)).containsEntry("jdbcType", Types.INTEGER);
    assertThat(renamed.described().get(1)).containsEntry("jdbcType", Types.VARCHAR);
    assertThat(columns(QUERY)).as("the latest shape is kept").isSameAs(retyped);
  }

  @Test
  void staysBoundedWhenEveryTextIsNewAndKeepsNothingWithoutAText() throws SQLException {
    execute("CREATE TABLE items (id INTEGER)");
    for (int i = 0; i < SqlTexts.MAX_ENTRIES * 2; i++) {
      columns("SELECT id FROM items WHERE id = " + i);
      assertThat(ResultColumns.size()).isLessThanOrEqualTo(SqlTexts.MAX_ENTRIES);
    }
    int before = ResultColumns.size();
    assertThat(columns(null).keys()).containsExactly("id");
    assertThat(ResultColumns.size()).isEqualTo(before);
  }

  private ResultColumns columns(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(sql == null ? "SELECT id FROM items WHERE id = -1" : sql)) {
      return ResultColumns.of(sql, result.getMetaData());
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
