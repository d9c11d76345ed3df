package dev.checkpoint.instrumentation.jdbc.internal;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/** Behind a {@link DatabaseMetaData} whose {@code getConnection()} returns the wrapper. */
final class MetaDataHandler extends JdbcHandler<DatabaseMetaData> {

  private final Connection connection;

  private MetaDataHandler(DatabaseMetaData delegate, Connection connection) {
    super(delegate);
    this.connection = connection;
  }

  static DatabaseMetaData wrap(DatabaseMetaData metaData, Connection connection) {
    return proxy(DatabaseMetaData.class, new MetaDataHandler(metaData, connection));
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("getConnection") && args == null) {
      return connection;
    }
    return call(method, args);
  }
}
