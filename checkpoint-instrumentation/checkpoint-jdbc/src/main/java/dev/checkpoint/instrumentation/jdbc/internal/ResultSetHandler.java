package dev.checkpoint.instrumentation.jdbc.internal;

import dev.checkpoint.core.capture.SqlValues;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Behind a {@link ResultSet} handed out by a recording statement: {@code getStatement()} returns
 * the wrapper, and while its execution is recorded, every row the cursor moves onto is read once
 * with {@code getObject} into the checkpoint's output, up to the row and byte limits.
 *
 * <p>The row is read right after the cursor moves, before the application's own getters, so {@code
 * wasNull()} still answers for the application's last read.
 */
final class ResultSetHandler extends JdbcHandler<ResultSet> {

  private final Statement statement;
  private final Execution execution;
  private final boolean keys;
  private String[] labels;

  private ResultSetHandler(
      ResultSet delegate, Statement statement, Execution execution, boolean keys) {
    super(delegate);
    this.statement = statement;
    this.execution = execution;
    this.keys = keys;
  }

  static ResultSet wrap(
      ResultSet resultSet, Statement statement, Execution execution, boolean keys) {
    return proxy(ResultSet.class, new ResultSetHandler(resultSet, statement, execution, keys));
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getStatement" -> {
        return statement;
      }
      case "next", "previous", "first", "last", "absolute", "relative" -> {
        Object onRow = callRecordingError(method, args);
        if (execution != null) {
          if (Boolean.TRUE.equals(onRow)) {
            readRow();
          } else if (method.getName().equals("next") && isForwardOnly()) {
            execution.resultDone(keys);
          }
        }
        return onRow;
      }
      case "close" -> {
        try {
          return call(method, args);
        } finally {
          if (execution != null) {
            execution.resultDone(keys);
          }
        }
      }
      default -> {
        return call(method, args);
      }
    }
  }

  private Object callRecordingError(Method method, Object[] args) throws Throwable {
    try {
      return call(method, args);
    } catch (SQLException e) {
      if (execution != null) {
        execution.fail(e);
      }
      throw e;
    }
  }

  private void readRow() {
    try {
      if (!execution.wantsRow(keys)) {
        return;
      }
      if (labels == null) {
        labels = labels(delegate.getMetaData());
      }
      int maxChars = execution.maxBytes();
      Map<String, Object> row = new LinkedHashMap<>();
      int bytes = 2;
      for (int i = 0; i < labels.length; i++) {
        Object value = SqlValues.toJson(delegate.getObject(i + 1), maxChars);
        row.put(labels[i], value);
        bytes += labels[i].length() + 4 + SqlValues.estimatedSize(value);
      }
      execution.addRow(keys, row, bytes);
    } catch (SQLException | RuntimeException e) {
      LOG.failed("Recording a result row", e);
    }
  }

  /** Column labels; a repeated label (a join's two {@code id} columns) gets its position. */
  private static String[] labels(ResultSetMetaData metaData) throws SQLException {
    String[] labels = new String[metaData.getColumnCount()];
    for (int i = 0; i < labels.length; i++) {
      String label = metaData.getColumnLabel(i + 1);
      for (int j = 0; j < i; j++) {
        if (labels[j].equals(label)) {
          label = label + "#" + (i + 1);
          break;
        }
      }
      labels[i] = label;
    }
    return labels;
  }

  private boolean isForwardOnly() {
    try {
      return delegate.getType() == ResultSet.TYPE_FORWARD_ONLY;
    } catch (SQLException e) {
      return true;
    }
  }
}
