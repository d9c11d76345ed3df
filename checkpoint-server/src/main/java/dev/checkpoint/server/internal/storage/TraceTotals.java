package dev.checkpoint.server.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The changes one transaction makes to the {@code trace_totals} rows: the checkpoints it inserted
 * or deleted, counted per trace from the rows the database reports back ({@code RETURNING}), so a
 * checkpoint that was already stored, or already gone, changes nothing. Traces are kept in id
 * order: concurrent transactions on PostgreSQL then lock the rows they share in the same order.
 */
public final class TraceTotals {
  /**
   * Adds checkpoints to a trace's totals; parameters: trace id, checkpoints, errors, start and end
   * nanos. Public for the ingestion load harness, whose raw JDBC insert keeps the totals as the
   * server does.
   */
  public static final String ADD =
      "INSERT INTO trace_totals (trace_id, checkpoints, errors, start_nanos, end_nanos)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (trace_id) DO UPDATE SET"
          + " checkpoints = trace_totals.checkpoints + excluded.checkpoints,"
          + " errors = trace_totals.errors + excluded.errors,"
          + " start_nanos = CASE WHEN excluded.start_nanos < trace_totals.start_nanos"
          + " THEN excluded.start_nanos ELSE trace_totals.start_nanos END,"
          + " end_nanos = CASE WHEN excluded.end_nanos > trace_totals.end_nanos"
          + " THEN excluded.end_nanos ELSE trace_totals.end_nanos END";

  private static final String SUBTRACT =
      "UPDATE trace_totals SET checkpoints = checkpoints - ?, errors = errors - ?"
          + " WHERE trace_id = ?";
  private static final String DELETE_EMPTY =
      "DELETE FROM trace_totals WHERE trace_id = ? AND checkpoints <= 0";

  private final Map<String, Change> byTrace = new TreeMap<>();

  /** Empty totals. Public for the scale generator, which counts the rows it writes itself. */
  public TraceTotals() {}

  private static final class Change {
    long checkpoints;
    long errors;
    long startNanos = Long.MAX_VALUE;
    long endNanos = Long.MIN_VALUE;
  }

  /** What a statement that changes checkpoints returns for {@link #count}. */
  static final String COUNTED_COLUMNS =
      "trace_id, CASE WHEN error IS NULL THEN 0 ELSE 1 END, start_nanos, end_nanos";

  /** Counts the checkpoints a statement returned as {@link #COUNTED_COLUMNS}; returns how many. */
  int count(ResultSet rows) throws SQLException {
    int counted = 0;
    while (rows.next()) {
      counted++;
      count(rows.getString(1), rows.getInt(2) != 0, rows.getLong(3), rows.getLong(4));
    }
    return counted;
  }

  /**
   * Counts one checkpoint.
   *
   * @param traceId its trace
   * @param error whether it has an error
   * @param startNanos its start
   * @param endNanos its end
   */
  public void count(String traceId, boolean error, long startNanos, long endNanos) {
    Change change = byTrace.computeIfAbsent(traceId, id -> new Change());
    change.checkpoints++;
    change.errors += error ? 1 : 0;
    change.startNanos = Math.min(change.startNanos, startNanos);
    change.endNanos = Math.max(change.endNanos, endNanos);
  }

  /**
   * Adds the counted checkpoints, as inserted, to their traces' totals.
   *
   * @param connection the connection of the transaction that inserted them
   * @throws SQLException when the totals cannot be written
   */
  public void add(Connection connection) throws SQLException {
    if (byTrace.isEmpty()) {
      return;
    }
    try (PreparedStatement add = connection.prepareStatement(ADD)) {
      for (Map.Entry<String, Change> trace : byTrace.entrySet()) {
        Change change = trace.getValue();
        add.setString(1, trace.getKey());
        add.setLong(2, change.checkpoints);
        add.setLong(3, change.errors);
        add.setLong(4, change.startNanos);
        add.setLong(5, change.endNanos);
        add.addBatch();
      }
      add.executeBatch();
    }
  }

  /**
   * Runs a delete of checkpoints that returns {@link #COUNTED_COLUMNS} and takes what it deleted
   * from their traces' totals; returns how many it deleted.
   */
  static int deleteCounted(Connection connection, PreparedStatement delete) throws SQLException {
    TraceTotals deleted = new TraceTotals();
    int count;
    try (ResultSet rows = delete.executeQuery()) {
      count = deleted.count(rows);
    }
    deleted.subtract(connection);
    return count;
  }

  /** Takes the counted rows, as deleted, from their traces' totals; a trace left empty goes. */
  private void subtract(Connection connection) throws SQLException {
    if (byTrace.isEmpty()) {
      return;
    }
    try (PreparedStatement subtract = connection.prepareStatement(SUBTRACT);
        PreparedStatement deleteEmpty = connection.prepareStatement(DELETE_EMPTY)) {
      for (Map.Entry<String, Change> trace : byTrace.entrySet()) {
        subtract.setLong(1, trace.getValue().checkpoints);
        subtract.setLong(2, trace.getValue().errors);
        subtract.setString(3, trace.getKey());
        subtract.addBatch();
        deleteEmpty.setString(1, trace.getKey());
        deleteEmpty.addBatch();
      }
      subtract.executeBatch();
      deleteEmpty.executeBatch();
    }
  }
}
