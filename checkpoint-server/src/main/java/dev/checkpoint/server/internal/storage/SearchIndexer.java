package dev.checkpoint.server.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds newly ingested checkpoints to PostgreSQL's free-text index in the background, so that
 * ingestion does not pay for the trigrams (see the V5 migration). Several servers on one database
 * share the work: each chunk locks its rows with SKIP LOCKED, so they neither wait for each other
 * nor index a row twice, and ingestion never waits for the indexer on a new row.
 */
final class SearchIndexer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
  private static final int CHUNK = 1_000;
  private static final long IDLE_MILLIS = 1_000;
  private static final String INDEX_CHUNK =
      "UPDATE checkpoints SET indexed = TRUE WHERE (trace_id, id) IN (SELECT trace_id, id FROM"
          + " checkpoints WHERE NOT indexed ORDER BY received_at LIMIT "
          + CHUNK
          + " FOR UPDATE SKIP LOCKED)";

  private final DataSource pool;
  private final ScheduledExecutorService scheduler;

  private SearchIndexer(DataSource pool) {
    this.pool = pool;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "checkpoint-search-indexer");
              thread.setDaemon(true);
              return thread;
            });
  }

  static SearchIndexer start(DataSource pool) {
    SearchIndexer indexer = new SearchIndexer(pool);
    indexer.scheduler.scheduleWithFixedDelay(
        indexer::indexBacklogSafely, IDLE_MILLIS, IDLE_MILLIS, TimeUnit.MILLISECONDS);
    return indexer;
  }

  private void indexBacklogSafely() {
    try {
      int chunkRows;
      do {
        chunkRows = indexChunk();
      } while (chunkRows == CHUNK && !Thread.currentThread().isInterrupted());
    } catch (SQLException e) {
      // Search stays complete without the index (it scans what is not indexed yet); the next
      // period tries again.
      log.warn("event=search_index_failed error=\"{}\"", e.getMessage());
    }
  }

  private int indexChunk() throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement update = connection.prepareStatement(INDEX_CHUNK)) {
      return update.executeUpdate();
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
