package dev.checkpoint.junit.internal.jdbc;

import java.lang.reflect.Method;

/** What a replayed connection says of its "database": that it is a replay. */
final class ReplayDatabaseMetaData extends ReplayHandler {
  private final Object connection;

  ReplayDatabaseMetaData(Object connection) {
    this.connection = connection;
  }

  @Override
  Object handle(Method method, String name, Object[] args) throws Exception {
    switch (name) {
      case "getConnection":
        return connection;
      case "getDatabaseProductName":
        return "Checkpoint replay";
      case "getDatabaseProductVersion":
      case "getDriverVersion":
        return "1";
      case "getDriverName":
        return "checkpoint-junit";
      case "getURL":
        return "jdbc:checkpoint-replay:";
      default:
        return defaults(method);
    }
  }

  @Override
  String describe() {
    return "DatabaseMetaData";
  }
}
