package dev.checkpoint.instrumentation.jdbc.internal;

import dev.checkpoint.core.capture.SqlValues;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Behind a {@link ResultSet} handed out by a recording statement: {@code getStatement()} returns
 * the wrapper, and while its execution is recorded, every row the cursor moves onto is read once
 * with {@code getObject} into the checkpoint's output, up to the row and byte limits, and the
 * columns are described once ({@link ResultColumns}). Replay reads rows by position through them.
 *
 * <p>The row is read right after the cursor moves, before the application's own getters, so {@code
 * wasNull()} still answers for the application's last read.
 */
final class ResultSetHandler extends JdbcHandler<ResultSet> {

  private final Statement statement;
  private final Execution execution;
  private final boolean keys;
  private String[] columnKeys;

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
          describeColumns();
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
          if (execution != null) {
            describeColumns();
          }
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
      if (columnKeys == null || !execution.wantsRow(keys)) {
        return;
      }
      int maxChars = execution.maxBytes();
      Map<String, Object> row = new LinkedHashMap<>();
      int bytes = 2;
      for (int i = 0; i < columnKeys.length; i++) {
        Object value = SqlValues.toJson(delegate.getObject(i + 1), maxChars);
        row.put(columnKeys[i], value);
        bytes += columnKeys[i].length() + 4 + SqlValues.estimatedSize(value);
      }
      execution.addRow(keys, row, bytes);
    } catch (SQLException | RuntimeException e) {
      LOG.failed("Recording a result row", e);
    }
  }

  /* Once per result set, while it is open: also when it has no rows, so replay knows its shape. */
  private void describeColumns() {
    if (columnKeys != null) {
      return;
    }
    try {
      ResultColumns columns = ResultColumns.of(execution.sql(), delegate.getMetaData());
      columnKeys = columns.keys();
      execution.columns(keys, columns.described());
    } catch (SQLException | RuntimeException e) {
      // Without metadata no row can be recorded either; the application's reads go on unaffected.
      columnKeys = new String[0];
      LOG.failed("Describing the columns of a result", e);
    }
  }

  private boolean isForwardOnly() {
    try {
      return delegate.getType() == ResultSet.TYPE_FORWARD_ONLY;
    } catch (SQLException e) {
      return true;
    }
  }
}
