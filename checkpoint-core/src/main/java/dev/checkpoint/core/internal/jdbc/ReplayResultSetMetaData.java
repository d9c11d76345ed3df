package dev.checkpoint.core.internal.jdbc;

import java.lang.reflect.Method;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** The columns of a replayed result: their labels and types as recorded, in select-list order. */
final class ReplayResultSetMetaData extends ReplayHandler {
  private final List<ReplayColumn> columns;

  ReplayResultSetMetaData(List<ReplayColumn> columns) {
    this.columns = columns;
  }

  @Override
  Object handle(Method method, String name, Object[] args) throws Exception {
    if (name.equals("getColumnCount")) {
      return columns.size();
    }
    if (args.length == 1 && args[0] instanceof Integer index) {
      if (index < 1 || index > columns.size()) {
        throw new SQLException(
            "Column index " + index + " is out of range 1.." + columns.size(), "07009");
      }
      ReplayColumn column = columns.get(index - 1);
      switch (name) {
        case "getColumnLabel":
        case "getColumnName":
          return column.label();
        case "getColumnType":
          return column.jdbcType();
        case "getColumnTypeName":
          return column.typeName();
        case "getColumnClassName":
          return RecordedValues.javaClass(column).getName();
        case "isNullable":
          return ResultSetMetaData.columnNullableUnknown;
        case "getTableName":
        case "getSchemaName":
        case "getCatalogName":
          return "";
        default:
          break;
      }
    }
    return defaults(method);
  }

  @Override
  String describe() {
    return "ResultSetMetaData";
  }
}
