package dev.checkpoint.server;

import dev.checkpoint.server.testing.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

class SqliteExtremeValuesTest extends ExtremeValuesContract {
  @TempDir Path data;

  @Override
  CheckpointServer start() {
    return CheckpointServer.start(TestServers.sqlite(data).build());
  }

  @Override
  void dropCheckpointsTable() throws Exception {
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("checkpoint.db"));
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE checkpoints");
    }
  }
}
