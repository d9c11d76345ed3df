package dev.checkpoint.core.internal.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * A replayed {@link ResultSet} over recorded rows, forward only. Columns are read by label
 * (case-insensitive, the first of a repeated label) or by position, in select-list order as
 * recorded (rows recorded without their columns: in the order of the rows' fields); values are
 * converted to what each getter asks for, by the column's recorded type, by {@link RecordedValues}.
 */
final class ReplayResultSet extends ReplayHandler {
  private final Object statement;
  private final List<JsonNode> rows;
  private final List<ReplayColumn> columns;
  private int cursor = -1;
  private boolean wasNull;

  ReplayResultSet(Object statement, List<JsonNode> rows, List<ReplayColumn> columns) {
    this.statement = statement;
    this.rows = rows;
    this.columns = columns;
  }

  @Override
  Object handle(Method method, String name, Object[] args) throws Exception {
    switch (name) {
      case "next":
        cursor = Math.min(cursor + 1, rows.size());
        return cursor < rows.size();
      case "wasNull":
        return wasNull;
      case "getMetaData":
        return proxy(ResultSetMetaData.class, new ReplayResultSetMetaData(columns));
      case "findColumn":
        return column((String) args[0]) + 1;
      case "getStatement":
        return statement;
      case "getRow":
        return cursor >= 0 && cursor < rows.size() ? cursor + 1 : 0;
      case "isBeforeFirst":
        return cursor < 0 && !rows.isEmpty();
      case "isAfterLast":
        return cursor >= rows.size() && !rows.isEmpty();
      case "isFirst":
        return cursor == 0 && !rows.isEmpty();
      case "isLast":
        return cursor == rows.size() - 1 && !rows.isEmpty();
      case "getType":
        return ResultSet.TYPE_FORWARD_ONLY;
      case "getConcurrency":
        return ResultSet.CONCUR_READ_ONLY;
      case "getFetchDirection":
        return ResultSet.FETCH_FORWARD;
      case "getWarnings":
        return null;
      default:
        if (name.startsWith("get") && args.length >= 1) {
          return read(name, args);
        }
        return defaults(method);
    }
  }

  private int column(String label) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).label().equalsIgnoreCase(label)) {
        return i;
      }
    }
    throw new SQLException(
        "The replayed result has no column '"
            + label
            + "'; it has "
            + columns.stream().map(ReplayColumn::label).toList()
            + ".",
        "42S22");
  }

  private Object read(String getter, Object[] args) throws SQLException {
    if (cursor < 0 || cursor >= rows.size()) {
      throw new SQLException(
          "The replayed result set is not on a row: call next() first, and only while it"
              + " returns true.");
    }
    ReplayColumn column;
    if (args[0] instanceof Integer index) {
      if (index < 1 || index > columns.size()) {
        throw new SQLException(
            "Column index " + index + " is out of range 1.." + columns.size(), "07009");
      }
      column = columns.get(index - 1);
    } else {
      column = columns.get(column((String) args[0]));
    }
    JsonNode value = rows.get(cursor).path(column.key());
    wasNull = value.isNull() || value.isMissingNode();
    Class<?> target =
        getter.equals("getObject") && args.length == 2 && args[1] instanceof Class<?> type
            ? type
            : null;
    try {
      return RecordedValues.read(getter, target, value, column);
    } catch (RuntimeException e) {
      throw new SQLException(
          "Cannot read the recorded value "
              + value
              + " of column '"
              + column.label()
              + "' ("
              + column.typeName()
              + ") with "
              + getter
              + "()"
              + (value.isTextual() && value.textValue().startsWith("<")
                  ? ": an asset of format version 1 replaced it with a placeholder. Record the"
                      + " asset again: version 2 keeps recorded values."
                  : ": " + e.getMessage()),
          "22018",
          e);
    }
  }

  @Override
  String describe() {
    return "ResultSet";
  }
}
