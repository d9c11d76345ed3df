package dev.checkpoint.server;

import dev.checkpoint.server.testing.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;

class PostgresExtremeValuesTest extends ExtremeValuesContract {
  private String user;
  private String schema;

  @Override
  CheckpointServer start() {
    user = PostgresDatabase.user();
    schema = PostgresDatabase.newSchemaName();
    return CheckpointServer.start(
        ServerConfig.builder()
            .port(0)
            .dbUrl(PostgresDatabase.URL)
            .dbUser(user)
            .dbSchema(schema)
            .dbPoolSize(2)
            .build());
  }

  @Override
  void dropCheckpointsTable() throws Exception {
    try (Connection connection = DriverManager.getConnection(PostgresDatabase.URL, user, null);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE " + schema + ".checkpoints CASCADE");
    }
  }

  @AfterEach
  void dropSchema() throws Exception {
    if (schema != null) {
      PostgresDatabase.dropSchema(user, schema);
    }
  }
}
