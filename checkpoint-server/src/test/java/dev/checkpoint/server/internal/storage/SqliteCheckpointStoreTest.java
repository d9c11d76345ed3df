package dev.checkpoint.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCheckpointStoreTest extends CheckpointStoreContract {
  @TempDir Path directory;

  @Override
  StorageSettings settings() {
    return new StorageSettings("jdbc:sqlite:" + file(), null, null, null, 4, "NORMAL");
  }

  @Test
  void usesWriteAheadLogInACreatedDirectory() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement statement = connection.createStatement();
        ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
      mode.next();
      assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void reopeningAnExistingDatabaseKeepsItsData() {
    store.insert(List.of(checkpoint("a000000000000001", null, "svc", "METHOD", "m", 1)));
    store.close();
    store = JdbcCheckpointStore.open(settings(), Clock.systemUTC());
    assertThat(store.trace(TRACE)).hasSize(1);
  }

  private Path file() {
    return directory.resolve("nested/dir/checkpoint.db");
  }
}
