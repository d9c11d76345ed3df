package dev.checkpoint.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.export.CheckpointExporter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/** The test kit against SQLite, in a database file of its own. */
class SqliteJdbcTest extends JdbcInstrumentationTestKit {

  @TempDir static Path directory;

  @Test
  void aConnectionThatRecordsAlreadyIsNotWrappedAgain() throws Exception {
    CheckpointRecorder recorder =
        CheckpointRecorder.fromConfig(CheckpointConfig.defaults(), CheckpointExporter.noop());
    try (Connection recording =
        CheckpointDataSource.wrap(openDatabase().getConnection(), recorder)) {
      assertThat(CheckpointDataSource.wrap(recording, recorder)).isSameAs(recording);
    }
  }

  @Override
  DataSource openDatabase() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + directory.resolve("test.db"));
    return dataSource;
  }

  @Override
  void closeDatabase(List<String> tables) {
    // The file goes with the temporary directory.
  }

  @Override
  String uniqueTableName(String base) {
    return base;
  }

  @Override
  String generatedIdColumn() {
    return "id INTEGER PRIMARY KEY AUTOINCREMENT";
  }

  @Override
  Class<?> vendorConnectionType() {
    return SQLiteConnection.class;
  }

  @Override
  String missingTableSqlState() {
    return null;
  }

  @Override
  String createUpperCaseFunction(Connection connection) {
    return null;
  }
}
