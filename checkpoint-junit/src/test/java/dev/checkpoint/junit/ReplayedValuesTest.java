package dev.checkpoint.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Column values come back from a replay as the driver gave them: the same reads run once against H2
 * through the JDBC instrumentation, which records them into an asset, and once against the replay
 * of that asset, and see the same values, SQL NULL included. Date-times and UUIDs are left out: the
 * asset puts the noise placeholder in their place, so no replay can give them back (SqlValuesTest
 * covers their recorded form).
 */
class ReplayedValuesTest {

  static DataSource database;

  @FunctionalInterface
  interface Getter {
    Object read(ResultSet rows, String column) throws SQLException;
  }

  @CheckpointReplay(scenario = "jdbc", step = "typed-values")
  static class TypedReads {
    static final List<String> seen = new ArrayList<>();

    @Test
    void readsEveryType(Replay replay) throws Exception {
      seen.clear();
      DataSource dataSource =
          CheckpointDataSource.wrap(replay.dataSource(database), replay.recorder());
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT * FROM typed ORDER BY i NULLS LAST")) {
        while (rows.next()) {
          read(rows, "i", "getInt", ResultSet::getInt);
          read(rows, "i", "Integer", (r, c) -> r.getObject(c, Integer.class));
          read(rows, "b", "getLong", ResultSet::getLong);
          read(rows, "b", "Long", (r, c) -> r.getObject(c, Long.class));
          read(rows, "s", "getShort", ResultSet::getShort);
          read(rows, "t", "getByte", ResultSet::getByte);
          read(rows, "d", "getDouble", ResultSet::getDouble);
          read(rows, "d", "Double", (r, c) -> r.getObject(c, Double.class));
          read(rows, "r", "getFloat", ResultSet::getFloat);
          read(rows, "n", "getBigDecimal", ResultSet::getBigDecimal);
          read(rows, "n", "BigDecimal", (r, c) -> r.getObject(c, BigDecimal.class));
          read(rows, "f", "getBoolean", ResultSet::getBoolean);
          read(rows, "f", "Boolean", (r, c) -> r.getObject(c, Boolean.class));
          read(rows, "v", "getString", ResultSet::getString);
          read(rows, "v", "String", (r, c) -> r.getObject(c, String.class));
          read(rows, "dt", "getDate", ResultSet::getDate);
          read(rows, "dt", "LocalDate", (r, c) -> r.getObject(c, LocalDate.class));
          read(rows, "tm", "getTime", ResultSet::getTime);
          read(rows, "tm", "LocalTime", (r, c) -> r.getObject(c, LocalTime.class));
          read(rows, "bin", "getBytes", (r, c) -> Arrays.toString(r.getBytes(c)));
        }
      }
    }

    private static void read(ResultSet rows, String column, String how, Getter getter)
        throws SQLException {
      Object value = getter.read(rows, column);
      seen.add(column + " " + how + " " + value + (rows.wasNull() ? " (null)" : ""));
    }
  }

  /* Runs the reads as a test of their own; a failed run shows its exception. */
  private static void runTypedReads(Path assets) {
    Events events =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(TypedReads.class))
            .configurationParameter("checkpoint.ci", "false")
            .configurationParameter("checkpoint.update", "false")
            .configurationParameter("checkpoint.assets.dir", assets.toString())
            .execute()
            .testEvents();
    events.failed().assertThatEvents().isEmpty();
    events.assertStatistics(stats -> stats.succeeded(1));
  }

  @Test
  void replayedGettersReturnWhatTheDriverReturned(@TempDir Path assets) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:replayed-values-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Connection keepAlive = h2.getConnection();
        Statement statement = keepAlive.createStatement()) {
      statement.execute(
          "CREATE TABLE typed (i INT, b BIGINT, s SMALLINT, t TINYINT, d DOUBLE PRECISION,"
              + " r REAL, n DECIMAL(12, 3), f BOOLEAN, v VARCHAR(40), dt DATE, tm TIME,"
              + " bin VARBINARY(8))");
      // 12.500: an asset keeps a decimal's trailing zeros, so the replay gives the same scale.
      statement.execute(
          "INSERT INTO typed VALUES (-7, 9007199254740993, -300, -8, 0.1, 1.25, 12.500, TRUE,"
              + " 'naïve \"quoted\"', DATE '2026-11-23', TIME '23:59:58',"
              + " X'00FF7F')");
      statement.execute(
          "INSERT INTO typed VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
              + " NULL, NULL, NULL)");

      database = h2;
      runTypedReads(assets);
      List<String> live = List.copyOf(TypedReads.seen);
      database = null;
      runTypedReads(assets);

      assertThat(TypedReads.seen).isEqualTo(live);
      assertThat(live)
          .startsWith(
              "i getInt -7",
              "i Integer -7",
              "b getLong 9007199254740993",
              "b Long 9007199254740993",
              "s getShort -300",
              "t getByte -8",
              "d getDouble 0.1",
              "d Double 0.1",
              "r getFloat 1.25",
              "n getBigDecimal 12.500",
              "n BigDecimal 12.500",
              "f getBoolean true",
              "f Boolean true",
              "v getString naïve \"quoted\"",
              "v String naïve \"quoted\"",
              "dt getDate 2026-11-23",
              "dt LocalDate 2026-11-23",
              "tm getTime 23:59:58",
              "tm LocalTime 23:59:58",
              "bin getBytes [0, -1, 127]")
          .contains("i getInt 0 (null)", "v getString null (null)", "bin getBytes null (null)")
          .hasSize(40);
    }
  }
}
