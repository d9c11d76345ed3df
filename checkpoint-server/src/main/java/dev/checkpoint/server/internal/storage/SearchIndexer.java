package dev.checkpoint.server.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds newly ingested checkpoints to PostgreSQL's free-text index in the background, so that
 * ingestion does not pay for the trigrams (see the V5 migration). Each chunk locks its rows with
 * SKIP LOCKED, so ingestion never waits for the indexer on a new row.
 *
 * <p>Several servers on one database index one chunk at a time between them: each chunk first takes
 * a transaction-scoped advisory lock on the schema's checkpoints table, and a server that does not
 * get it leaves the chunk to the one that did. The trigrams cost the database about 150 µs of CPU a
 * row; with an indexer per server indexing at once, a second server took a second database core
 * from ingestion, and two servers ingested at 0.9 of one (docs/performance.md, "Two servers on one
 * PostgreSQL"). One chunk at a time, the backlog drains at the pace it does under one server.
 */
final class SearchIndexer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
  private static final int CHUNK = 1_000;
  private static final long IDLE_MILLIS = 1_000;

  /**
   * The keys of the advisory lock that gives the turn: the first says "search indexer", the second
   * is the checkpoints table's oid, so that servers of different schemas in one database do not
   * wait for each other.
   */
  static final String TURN_LOCK_KEYS = "1129337673, 'checkpoints'::regclass::oid::int";

  private static final String TAKE_TURN =
      "SELECT pg_try_advisory_xact_lock(" + TURN_LOCK_KEYS + ")";
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

  /** Indexes a chunk; returns its rows, or 0 when another server is indexing one. */
  private int indexChunk() throws SQLException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement takeTurn = connection.prepareStatement(TAKE_TURN);
          PreparedStatement update = connection.prepareStatement(INDEX_CHUNK)) {
        int rows = 0;
        if (turnTaken(takeTurn)) {
          rows = update.executeUpdate();
        }
        connection.commit();
        return rows;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static boolean turnTaken(PreparedStatement takeTurn) throws SQLException {
    try (ResultSet taken = takeTurn.executeQuery()) {
      return taken.next() && taken.getBoolean(1);
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
