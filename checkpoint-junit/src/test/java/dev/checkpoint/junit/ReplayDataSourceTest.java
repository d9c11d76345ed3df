package dev.checkpoint.junit;

import static org.assertj.core.api.Assertions.assertThat;

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
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

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
          List<String> columns = new ArrayList<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(
                meta.getColumnLabel(i)
                    + " "
                    + meta.getColumnTypeName(i)
                    + " "
                    + meta.getColumnType(i)
                    + " "
                    + meta.getColumnClassName(i));
          }
          seen.add("columns " + columns);
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
        // Read by position, as an ORM does: select-list order, a repeated label, recorded types.
        try (PreparedStatement join =
            connection.prepareStatement(
                "SELECT i.qty, i.sku, j.sku, i.added FROM items i JOIN items j ON j.sku = i.sku"
                    + " WHERE i.sku = ?")) {
          join.setString(1, "C-3");
          try (ResultSet rows = join.executeQuery()) {
            while (rows.next()) {
              seen.add(
                  "by position "
                      + rows.getInt(1)
                      + " "
                      + rows.getString(2)
                      + " "
                      + rows.getString(3)
                      + " "
                      + rows.getObject(4).getClass().getSimpleName()
                      + " "
                      + rows.getObject(1, Long.class)
                      + " "
                      + rows.findColumn("SKU"));
            }
          }
        }
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO orders (item) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
          insert.setString(1, "C-3");
          insert.executeUpdate();
          try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            seen.add(
                "generated key "
                    + keys.getMetaData().getColumnLabel(1)
                    + " "
                    + keys.getObject(1).getClass().getSimpleName());
          }
        }
        connection.commit();
      }
    }
  }

  /** Replays rows recorded before columns were: they have no {@code columns} beside them. */
  @CheckpointReplay(scenario = "jdbc", step = "rows-only", mode = RecordMode.NONE)
  static class RowsOnly {
    static List<String> seen = new ArrayList<>();

    @Test
    void reads(Replay replay) throws Exception {
      seen.clear();
      try (Connection connection = replay.dataSource().getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT sku, qty FROM items")) {
        ResultSetMetaData meta = rows.getMetaData();
        seen.add(meta.getColumnLabel(1) + " " + meta.getColumnTypeName(1));
        while (rows.next()) {
          seen.add(rows.getString("SKU") + " " + rows.getInt(1) + " " + rows.getObject(2));
        }
      }
    }
  }

  @Test
  void rowsRecordedWithoutTheirColumnsAreReadByLabelOrInTheOrderOfTheirFields(@TempDir Path assets)
      throws Exception {
    ReplayRuns.write(
        assets,
        "jdbc/rows-only.json",
        1,
        """
        [{"input": {}, "key": "test/METHOD/RowsOnly.reads#0", "kind": "METHOD",
          "name": "RowsOnly.reads", "output": null, "service": "test"},
         {"input": {"statement": "SELECT sku, qty FROM items"},
          "key": "test/METHOD/RowsOnly.reads#0 > test/SQL/SELECT items#0", "kind": "SQL",
          "name": "SELECT items", "output": {"rows": [{"qty": 1, "sku": "A-1"}]},
          "service": "test"}]
        """);

    assertPasses(ReplayRuns.run(RowsOnly.class, assets));

    assertThat(RowsOnly.seen).containsExactly("qty JSON", "A-1 1 A-1");
  }

  /** Binds a value other than the recorded one where the asset marks noise. */
  @CheckpointReplay(scenario = "jdbc", step = "noisy-parameter", mode = RecordMode.NONE)
  static class NoisyParameter {
    static List<String> seen = new ArrayList<>();

    @Test
    void reads(Replay replay) throws Exception {
      seen.clear();
      try (Connection connection = replay.dataSource().getConnection();
          PreparedStatement statement =
              connection.prepareStatement("SELECT qty FROM items WHERE sku = ?")) {
        statement.setString(1, "Z-9");
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            seen.add("qty " + rows.getInt(1));
          }
        }
      }
    }
  }

  @Test
  void aValueTheAssetMarksAsNoiseMatchesWhateverTheCallBinds(@TempDir Path assets)
      throws Exception {
    ReplayRuns.write(
        assets,
        "jdbc/noisy-parameter.json",
        2,
        """
        [{"input": {}, "key": "test/METHOD/NoisyParameter.reads#0", "kind": "METHOD",
          "name": "NoisyParameter.reads", "output": null, "service": "test"},
         {"input": {"parameters": {"1": "A-1"}, "statement": "SELECT qty FROM items WHERE sku = ?"},
          "key": "test/METHOD/NoisyParameter.reads#0 > test/SQL/SELECT items#0", "kind": "SQL",
          "name": "SELECT items", "noise": {"/input/parameters/1": "<sku>"},
          "output": {"columns": [{"jdbcType": 4, "key": "QTY", "label": "QTY", "type": "INTEGER"}],
                     "rows": [{"QTY": 7}]},
          "service": "test"}]
        """);

    assertPasses(ReplayRuns.run(NoisyParameter.class, assets));

    assertThat(NoisyParameter.seen).containsExactly("qty 7");
  }

  /** Writes secrets, bound and as literals; each run with a secret of its own. */
  @CheckpointReplay(scenario = "jdbc", step = "secrets")
  static class SecretCode {
    static String secret;
    static List<String> seen = new ArrayList<>();

    @Test
    void writesSecrets(Replay replay) throws Exception {
      seen.clear();
      DataSource dataSource =
          CheckpointDataSource.wrap(replay.dataSource(database), replay.recorder());
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        seen.add(
            "insert "
                + statement.executeUpdate(
                    "INSERT INTO users (name, password) VALUES ('ann', '" + secret + "')"));
        try (PreparedStatement update =
            connection.prepareStatement("UPDATE users SET password = ? WHERE name = ?")) {
          update.setString(1, secret + "-2");
          update.setString(2, "ann");
          seen.add("update " + update.executeUpdate());
        }
        try (ResultSet rows =
            statement.executeQuery("SELECT name FROM users WHERE password = '" + secret + "-2'")) {
          while (rows.next()) {
            seen.add("found " + rows.getString(1));
          }
        }
      }
    }
  }

  @Test
  void callsRecordedWithRedactedSecretsAreAnsweredWhateverSecretTheyCarry(@TempDir Path assets)
      throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:replay-secrets;DB_CLOSE_DELAY=-1");
    database = h2;
    try (Connection keepAlive = h2.getConnection();
        Statement statement = keepAlive.createStatement()) {
      statement.execute("CREATE TABLE users (name VARCHAR(10), password VARCHAR(20))");
      SecretCode.secret = "hunter2";
      assertPasses(ReplayRuns.run(SecretCode.class, assets));
      List<String> live = List.copyOf(SecretCode.seen);
      database = null;
      SecretCode.secret = "swordfish";
      assertPasses(ReplayRuns.run(SecretCode.class, assets));

      assertThat(live).containsExactly("insert 1", "update 1", "found ann");
      assertThat(SecretCode.seen).isEqualTo(live);
      try (var files = java.nio.file.Files.walk(assets)) {
        for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
          assertThat(java.nio.file.Files.readString(file))
              .doesNotContain("hunter2", "swordfish")
              .contains("[REDACTED]");
        }
      }
    }
  }

  private static EngineExecutionResults run(Path assets) {
    return ReplayRuns.run(JdbcCode.class, assets);
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
      statement.execute(
          "CREATE TABLE orders (id INT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
              + " item VARCHAR(10))");

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
              "columns [SKU CHARACTER VARYING 12 java.lang.String,"
                  + " PRICE DECIMAL 3 java.math.BigDecimal, QTY INTEGER 4 java.lang.Integer,"
                  + " ADDED DATE 91 java.sql.Date, NOTE CHARACTER VARYING 12 java.lang.String]",
              "A-1 2.5 1 1 2026-01-02 first false Integer",
              "C-3 12.5 8 8 2026-11-23 null true Integer",
              "by position 8 C-3 C-3 Date 8 2",
              "generated key ID Integer");
    }
  }
}
