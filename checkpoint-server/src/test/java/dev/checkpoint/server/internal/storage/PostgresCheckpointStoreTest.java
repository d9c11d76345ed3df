package dev.checkpoint.server.internal.storage;

import dev.checkpoint.server.testing.PostgresDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresCheckpointStoreTest extends CheckpointStoreContract {
  private static String user;
  private static final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void connect() {
    user = PostgresDatabase.user();
  }

  @AfterAll
  static void dropSchemas() throws Exception {
    for (String schema : schemas) {
      PostgresDatabase.dropSchema(user, schema);
    }
  }

  @Override
  StorageSettings newDatabase() {
    // A schema per test: the contract's assertions count rows, so tests must not share tables.
    String schema = PostgresDatabase.newSchemaName();
    schemas.add(schema);
    return new StorageSettings(PostgresDatabase.URL, user, null, schema, 4, "NORMAL");
  }
}
