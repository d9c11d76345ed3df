package dev.checkpoint.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCheckpointStoreTest extends CheckpointStoreContract {
  @TempDir Path directory;

  @Override
  StorageSettings settings() {
    return new StorageSettings(
        "jdbc:sqlite:" + directory.resolve("nested/dir/checkpoint.db"),
        null,
        null,
        null,
        4,
        "NORMAL");
  }

  @Test
  void usesWriteAheadLogInACreatedDirectory() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:sqlite:" + directory.resolve("nested/dir/checkpoint.db"));
        Statement statement = connection.createStatement();
        ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
      mode.next();
      assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void reopeningAnExistingDatabaseKeepsItsData() {
    store.insert(java.util.List.of(checkpoint("a000000000000001", null, "svc", "METHOD", "m", 1)));
    store.close();
    store = JdbcCheckpointStore.open(settings(), Clock.systemUTC());
    assertThat(store.trace(TRACE)).hasSize(1);
  }
}
