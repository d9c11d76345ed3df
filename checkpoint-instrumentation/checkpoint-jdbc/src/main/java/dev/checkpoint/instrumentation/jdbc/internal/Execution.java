package dev.checkpoint.instrumentation.jdbc.internal;

import dev.checkpoint.core.RecordingCheckpoint;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One recorded statement execution: the open {@code SQL} checkpoint and the output collected for it
 * while the application reads its results. It ends once, on the first of: its result is read (the
 * result set closed or read to the end, the update count returned), the statement executes again,
 * moves to more results or closes, or the connection closes.
 */
final class Execution {

  private final RecordingCheckpoint checkpoint;
  private final String sql;
  private final int maxRows;
  private final int maxBytes;
  private final boolean waitsForKeys;
  private final Consumer<Execution> onEnd;
  private final Rows rows = new Rows("rows", "columns");
  private final Rows generatedKeys = new Rows("generatedKeys", "generatedKeyColumns");
  private Object updateCount;
  private boolean ended;

  Execution(
      RecordingCheckpoint checkpoint,
      String sql,
      int maxRows,
      int maxBytes,
      boolean waitsForKeys,
      Consumer<Execution> onEnd) {
    this.checkpoint = checkpoint;
    this.sql = sql;
    this.maxRows = maxRows;
    this.maxBytes = maxBytes;
    this.waitsForKeys = waitsForKeys;
    this.onEnd = onEnd;
  }

  /** The statement text executed, {@code null} for a batch of texts. */
  String sql() {
    return sql;
  }

  int maxBytes() {
    return maxBytes;
  }

  synchronized boolean isEnded() {
    return ended;
  }

  /**
   * Whether the next row of a result should be read for the record. Once the row or byte limit is
   * reached a further row marks the output truncated instead.
   */
  synchronized boolean wantsRow(boolean keys) {
    Rows target = keys ? generatedKeys : rows;
    if (ended) {
      return false;
    }
    if (target.list.size() < maxRows && target.bytes < maxBytes) {
      return true;
    }
    if (!target.truncated) {
      target.truncated = true;
      checkpoint.markTruncated("output." + target.name);
    }
    return false;
  }

  synchronized void addRow(boolean keys, Map<String, Object> row, int bytes) {
    if (!ended) {
      Rows target = keys ? generatedKeys : rows;
      target.list.add(row);
      target.bytes += bytes;
    }
  }

  /** The columns of a result, in select-list order, described once. */
  synchronized void columns(boolean keys, List<Map<String, Object>> columns) {
    Rows target = keys ? generatedKeys : rows;
    if (!ended && target.columns == null) {
      target.columns = columns;
    }
  }

  /** A result set of this execution was handed to the application; its rows are recorded. */
  synchronized void expectRows(boolean keys) {
    (keys ? generatedKeys : rows).expected = true;
  }

  /**
   * The update count (or counts, for a batch) the application received. Ends the execution unless
   * generated keys are still to be read.
   */
  void updateCount(Object count) {
    synchronized (this) {
      if (ended) {
        return;
      }
      updateCount = count;
    }
    if (!waitsForKeys) {
      end();
    }
  }

  /** A result set was closed or read to the end. */
  void resultDone(boolean keys) {
    if (keys || !waitsForKeys) {
      end();
    }
  }

  /** The call failed; records the error and ends. */
  void fail(Throwable error) {
    synchronized (this) {
      if (ended) {
        return;
      }
      checkpoint.setError(error);
      if (error instanceof SQLException sql) {
        checkpoint.setAttribute("sql.state", sql.getSQLState());
        checkpoint.setAttribute("sql.vendorCode", sql.getErrorCode());
      }
      if (error instanceof BatchUpdateException batch) {
        updateCount = batch.getLargeUpdateCounts();
      }
    }
    end();
  }

  /** Ends the checkpoint with what was collected; later calls do nothing. */
  void end() {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      try {
        Map<String, Object> output = new LinkedHashMap<>();
        rows.addTo(output);
        if (updateCount != null) {
          output.put("updateCount", updateCount);
        }
        generatedKeys.addTo(output);
        if (!output.isEmpty()) {
          checkpoint.setOutput(output);
        }
      } finally {
        checkpoint.close();
      }
    }
    onEnd.accept(this);
  }

  private static final class Rows {
    final String name;
    final String columnsName;
    final List<Map<String, Object>> list = new ArrayList<>();
    List<Map<String, Object>> columns;
    boolean expected;
    boolean truncated;
    int bytes;

    Rows(String name, String columnsName) {
      this.name = name;
      this.columnsName = columnsName;
    }

    void addTo(Map<String, Object> output) {
      if (expected) {
        if (columns != null) {
          output.put(columnsName, columns);
        }
        output.put(name, list);
      }
    }
  }
}
