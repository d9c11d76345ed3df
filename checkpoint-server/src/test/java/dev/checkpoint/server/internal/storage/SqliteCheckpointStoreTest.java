package dev.checkpoint.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCheckpointStoreTest extends CheckpointStoreContract {
  @TempDir Path directory;
  private int databases;

  @Override
  StorageSettings newDatabase() {
    Path file = directory.resolve("nested/dir/checkpoint-" + ++databases + ".db");
    return new StorageSettings("jdbc:sqlite:" + file, null, null, null, 4, "NORMAL");
  }

  @Test
  void usesWriteAheadLogInACreatedDirectory() throws Exception {
    assertThat(pragma(settings.url(), "journal_mode")).isEqualToIgnoringCase("wal");
  }

  @Test
  void aNewDatabaseHas8KiBPagesAndAnOlderOneKeepsItsOwn() throws Exception {
    assertThat(pragma(settings.url(), "page_size")).isEqualTo("8192");

    StorageSettings older = newDatabase();
    try (Connection connection = DriverManager.getConnection(older.url());
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
    }
    try (CheckpointStore store = JdbcCheckpointStore.open(older, Clock.systemUTC())) {
      store.insert(List.of(checkpoint("a000000000000001", null, "svc", "METHOD", "m", 1)));
      assertThat(store.trace(TRACE)).hasSize(1);
    }
    assertThat(pragma(older.url(), "page_size")).isEqualTo("4096");
  }

  @Test
  void reopeningAnExistingDatabaseKeepsItsData() {
    store.insert(List.of(checkpoint("a000000000000001", null, "svc", "METHOD", "m", 1)));
    store.close();
    store = JdbcCheckpointStore.open(settings, Clock.systemUTC());
    assertThat(store.trace(TRACE)).hasSize(1);
  }

  private static String pragma(String url, String name) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet value = statement.executeQuery("PRAGMA " + name)) {
      value.next();
      return value.getString(1);
    }
  }
}
