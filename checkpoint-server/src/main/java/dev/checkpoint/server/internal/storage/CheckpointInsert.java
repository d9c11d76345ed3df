package dev.checkpoint.server.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Inserts checkpoints with multi-row statements that skip those already stored. A batch goes in
 * chunks whose sizes are powers of two, so that one transaction prepares at most eight statements
 * and the database plans each once; a JDBC batch of single-row inserts cost PostgreSQL a round of
 * parsing, planning and index descent per row. The rows go in key order: concurrent transactions
 * then wait for each other's keys in the same order and cannot deadlock on retried batches.
 */
final class CheckpointInsert implements AutoCloseable {
  private static final int MAX_ROWS = 128;
  private static final int COLUMNS = 19;
  private static final Comparator<Checkpoint> KEY_ORDER =
      Comparator.comparing(Checkpoint::traceId).thenComparing(Checkpoint::id);

  private final Connection connection;
  private final PreparedStatement[] statementsByLog2Size =
      new PreparedStatement[Integer.numberOfTrailingZeros(MAX_ROWS) + 1];

  CheckpointInsert(Connection connection) {
    this.connection = connection;
  }

  /**
   * Inserts the checkpoints not stored yet, counts them into {@code inserted} and returns how many
   * those were.
   */
  int insert(List<Checkpoint> checkpoints, long receivedAt, TraceTotals inserted)
      throws SQLException {
    List<Checkpoint> sorted = new ArrayList<>(checkpoints);
    sorted.sort(KEY_ORDER);
    int count = 0;
    int from = 0;
    while (from < sorted.size()) {
      int rows = Integer.highestOneBit(Math.min(MAX_ROWS, sorted.size() - from));
      PreparedStatement statement = statement(rows);
      for (int row = 0; row < rows; row++) {
        bind(statement, row * COLUMNS, sorted.get(from + row), receivedAt);
      }
      try (ResultSet stored = statement.executeQuery()) {
        count += inserted.count(stored);
      }
      from += rows;
    }
    return count;
  }

  private PreparedStatement statement(int rows) throws SQLException {
    int index = Integer.numberOfTrailingZeros(rows);
    if (statementsByLog2Size[index] == null) {
      statementsByLog2Size[index] = connection.prepareStatement(sql(rows));
    }
    return statementsByLog2Size[index];
  }

  private static String sql(int rows) {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO checkpoints (trace_id, id, parent_id, run_id, service, instance, kind,"
                + " name, start_nanos, end_nanos, thread, input, output, error, attributes,"
                + " truncated, redacted, batch_id, received_at) VALUES ");
    String row = "(" + "?, ".repeat(COLUMNS - 1) + "?)";
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(row);
    }
    // Only the rows inserted come back: a checkpoint already stored is not counted again.
    return sql.append(" ON CONFLICT (trace_id, id) DO NOTHING RETURNING ")
        .append(TraceTotals.COUNTED_COLUMNS)
        .toString();
  }

  private static void bind(
      PreparedStatement insert, int offset, Checkpoint checkpoint, long receivedAt)
      throws SQLException {
    insert.setString(offset + 1, checkpoint.traceId());
    insert.setString(offset + 2, checkpoint.id());
    insert.setString(offset + 3, checkpoint.parentId());
    insert.setString(offset + 4, checkpoint.runId());
    insert.setString(offset + 5, checkpoint.service());
    insert.setString(offset + 6, checkpoint.instance());
    insert.setString(offset + 7, checkpoint.kind());
    insert.setString(offset + 8, checkpoint.name());
    insert.setLong(offset + 9, checkpoint.startNanos());
    insert.setLong(offset + 10, checkpoint.endNanos());
    insert.setString(offset + 11, checkpoint.thread());
    insert.setString(offset + 12, checkpoint.input());
    insert.setString(offset + 13, checkpoint.output());
    insert.setString(offset + 14, checkpoint.error());
    insert.setString(offset + 15, checkpoint.attributes());
    insert.setString(offset + 16, checkpoint.truncated());
    insert.setString(offset + 17, checkpoint.redacted());
    insert.setString(offset + 18, checkpoint.batchId());
    insert.setLong(offset + 19, receivedAt);
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (PreparedStatement statement : statementsByLog2Size) {
      if (statement == null) {
        continue;
      }
      try {
        statement.close();
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
