package dev.checkpoint.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The replaying data source answers real JDBC code as the database did when it was recorded: the
 * same code runs once against H2 through the JDBC instrumentation, recording, and once against the
 * replay, and sees the same values.
 */
class ReplayDataSourceTest {

  static DataSource database;

  @CheckpointReplay(scenario = "jdbc", step = "shapes")
  static class JdbcCode {
    static List<String> seen = new ArrayList<>();

    @Test
    void readsAndWrites(Replay replay) throws Exception {
      seen.clear();
      DataSource dataSource =
          CheckpointDataSource.wrap(replay.dataSource(database), replay.recorder());
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO items (sku, price, qty, added, note) VALUES (?, ?, ?, ?, ?)")) {
          insert.setString(1, "C-3");
          insert.setBigDecimal(2, new BigDecimal("12.50"));
          insert.setInt(3, 7);
          insert.setDate(4, Date.valueOf("2026-11-23"));
          insert.setNull(5, Types.VARCHAR);
          seen.add("insert " + insert.executeUpdate());
          try {
            insert.executeUpdate();
          } catch (SQLException e) {
            seen.add("duplicate " + e.getSQLState());
          }
        }
        try (PreparedStatement update =
            connection.prepareStatement("UPDATE items SET qty = qty + ? WHERE sku = ?")) {
          update.setInt(1, 1);
          update.setString(2, "C-3");
          update.addBatch();
          update.setInt(1, 2);
          update.setString(2, "X-0");
          update.addBatch();
          seen.add("batch " + Arrays.toString(update.executeBatch()));
        }
        try (Statement statement = connection.createStatement();
            ResultSet rows =
                statement.executeQuery(
                    "select sku, price, qty, added, note\n  from items order by sku")) {
          ResultSetMetaData meta = rows.getMetaData();
          TreeSet<String> labels = new TreeSet<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            labels.add(meta.getColumnLabel(i));
          }
          seen.add("columns " + labels);
          while (rows.next()) {
            String note = rows.getString("note");
            boolean noteWasNull = rows.wasNull();
            seen.add(
                rows.getString("SKU")
                    + " "
                    + rows.getBigDecimal("price").doubleValue()
                    + " "
                    + rows.getInt("qty")
                    + " "
                    + rows.getLong("qty")
                    + " "
                    + rows.getObject("added", LocalDate.class)
                    + " "
                    + note
                    + " "
                    + noteWasNull
                    + " "
                    + rows.getObject("qty").getClass().getSimpleName());
          }
        }
        connection.commit();
      }
    }
  }

  private static EngineExecutionResults run(Path assets) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(JdbcCode.class))
        .configurationParameters(
            Map.of(
                "checkpoint.ci", "false",
                "checkpoint.update", "false",
                "checkpoint.assets.dir", assets.toString()))
        .execute();
  }

  private static void assertPasses(EngineExecutionResults results) {
    assertThat(
            results.testEvents().failed().stream()
                .map(
                    event ->
                        event
                            .getPayload(TestExecutionResult.class)
                            .orElseThrow()
                            .getThrowable()
                            .orElseThrow()
                            .toString()))
        .isEmpty();
    results.testEvents().assertStatistics(stats -> stats.succeeded(1));
  }

  @Test
  void replaysRowsUpdateCountsBatchesAndErrorsAsRecorded(@TempDir Path assets) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:replay-jdbc;DB_CLOSE_DELAY=-1");
    database = h2;
    try (Connection keepAlive = h2.getConnection();
        Statement statement = keepAlive.createStatement()) {
      statement.execute(
          "CREATE TABLE items (sku VARCHAR(10) PRIMARY KEY, price DECIMAL(10, 2), qty INT,"
              + " added DATE, note VARCHAR(20))");
      statement.execute("INSERT INTO items VALUES ('A-1', 2.50, 1, DATE '2026-01-02', 'first')");

      assertPasses(run(assets));
      List<String> live = List.copyOf(JdbcCode.seen);
      database = null;
      assertPasses(run(assets));

      assertThat(JdbcCode.seen).isEqualTo(live);
      assertThat(live)
          .containsExactly(
              "insert 1",
              "duplicate 23505",
              "batch [1, 0]",
              "columns [ADDED, NOTE, PRICE, QTY, SKU]",
              "A-1 2.5 1 1 2026-01-02 first false Integer",
              "C-3 12.5 8 8 2026-11-23 null true Integer");
    }
  }
}
