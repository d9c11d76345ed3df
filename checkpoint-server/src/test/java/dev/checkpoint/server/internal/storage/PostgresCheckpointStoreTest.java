package dev.checkpoint.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.checkpoint.server.testing.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

  @Test
  void ingestionLeavesTheTrigramsToTheSearchIndexerAndSearchFindsRowsOnBothSides()
      throws Exception {
    store.insert(selects(50, i -> "{\"rows\":[{\"customer\":\"Customer-" + i + "-Lovelace\"}]}"));
    // Right after ingestion the rows are found by the scan of what is not indexed yet.
    assertThat(unindexed()).isPositive();
    assertThat(store.search(query("customer-7-LOVELACE"), 10, 0))
        .extracting(Checkpoint::id)
        .containsExactly(String.format("c%015x", 8));

    await().atMost(Duration.ofSeconds(20)).until(() -> unindexed() == 0);
    assertThat(store.search(query("customer-7-LOVELACE"), 10, 0))
        .extracting(Checkpoint::id)
        .containsExactly(String.format("c%015x", 8));
    assertThat(store.search(query("-lovelace"), 100, 0)).hasSize(50);
  }

  @Test
  void aServerLeavesTheSearchIndexToTheServerWhoseTurnItIs() throws Exception {
    List<Checkpoint> batch = selects(20, i -> "{\"customer\":\"Lovelace\"}");
    // This connection stands for another server in the middle of a chunk: it holds the turn.
    try (Connection other = DriverManager.getConnection(PostgresDatabase.URL, user, null)) {
      other.setSchema(settings.schema());
      other.setAutoCommit(false);
      try (Statement statement = other.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(" + SearchIndexer.TURN_LOCK_KEYS + ")");
      }
      store.insert(batch);
      // The indexer looks for work every second: three of its periods pass without indexing.
      Thread.sleep(3_000);
      assertThat(unindexed()).isEqualTo(20);
      other.commit();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> unindexed() == 0);
  }

  @Test
  void twoServersOnOneDatabaseTakingRetriesOfTheSameBatchesStoreEachCheckpointOnce()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (CheckpointStore replica = JdbcCheckpointStore.open(settings, clock)) {
      for (int round = 0; round < 10; round++) {
        // Four batches over the same two traces; each replica gets all four, in its own order,
        // as when an exporter retries a batch whose answer it did not see on the other replica.
        List<List<Checkpoint>> batches = new ArrayList<>();
        for (int batch = 0; batch < 4; batch++) {
          List<Checkpoint> checkpoints = new ArrayList<>();
          for (int i = 0; i < 25; i++) {
            checkpoints.add(
                checkpoint(
                    i % 2 == 0 ? TRACE : OTHER_TRACE,
                    String.format("%02x%02x%012x", round, batch, i),
                    null,
                    "run-" + (i % 3),
                    "shop",
                    "SQL",
                    "insert",
                    i,
                    null,
                    null));
          }
          batches.add(checkpoints);
        }
        List<Future<IngestResult>> results = new ArrayList<>();
        for (int batch = 0; batch < 4; batch++) {
          List<Checkpoint> forward = batches.get(batch);
          List<Checkpoint> backward = new ArrayList<>(batches.get(3 - batch));
          Collections.reverse(backward);
          results.add(pool.submit(() -> store.insert(forward)));
          results.add(pool.submit(() -> replica.insert(backward)));
        }
        int accepted = 0;
        int duplicates = 0;
        for (Future<IngestResult> result : results) {
          IngestResult stored = result.get(30, TimeUnit.SECONDS);
          accepted += stored.accepted();
          duplicates += stored.duplicates();
        }
        assertThat(accepted).isEqualTo(100);
        assertThat(duplicates).isEqualTo(100);
      }
      assertThat(store.trace(TRACE)).hasSize(520);
      assertThat(replica.trace(OTHER_TRACE)).hasSize(480);
      assertThat(store.trees("run-1", 10, 0)).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  private static CheckpointQuery query(String text) {
    return new CheckpointQuery(null, null, null, null, null, null, text);
  }

  private long unindexed() throws SQLException {
    try (Connection connection = DriverManager.getConnection(PostgresDatabase.URL, user, null);
        Statement statement = connection.createStatement();
        ResultSet count =
            statement.executeQuery(
                "SELECT count(*) FROM " + settings.schema() + ".checkpoints WHERE NOT indexed")) {
      count.next();
      return count.getLong(1);
    }
  }

  /** {@code count} SQL checkpoints of one trace, ids c…1 to c…count, each with its output. */
  private static List<Checkpoint> selects(int count, IntFunction<String> output) {
    List<Checkpoint> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(
          checkpoint(
              TRACE,
              String.format("c%015x", i + 1),
              null,
              "run-1",
              "shop",
              "SQL",
              "select",
              i,
              output.apply(i),
              null));
    }
    return batch;
  }
}
