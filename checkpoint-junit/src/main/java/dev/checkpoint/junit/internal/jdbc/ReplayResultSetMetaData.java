package dev.checkpoint.junit.internal.jdbc;

import java.lang.reflect.Method;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.List;

/** The columns of a replayed result: their labels, in the order the recorded rows name them. */
final class ReplayResultSetMetaData extends ReplayHandler {
  private final List<String> columns;

  ReplayResultSetMetaData(List<String> columns) {
    this.columns = columns;
  }

  @Override
  Object handle(Method method, String name, Object[] args) throws Exception {
    switch (name) {
      case "getColumnCount":
        return columns.size();
      case "getColumnLabel":
      case "getColumnName":
        return columns.get((Integer) args[0] - 1);
      case "getColumnType":
        return Types.JAVA_OBJECT;
      case "getColumnTypeName":
        return "JSON";
      case "getColumnClassName":
        return Object.class.getName();
      case "isNullable":
        return ResultSetMetaData.columnNullableUnknown;
      case "getTableName":
      case "getSchemaName":
      case "getCatalogName":
        return "";
      default:
        return defaults(method);
    }
  }

  @Override
  String describe() {
    return "ResultSetMetaData";
  }
}
