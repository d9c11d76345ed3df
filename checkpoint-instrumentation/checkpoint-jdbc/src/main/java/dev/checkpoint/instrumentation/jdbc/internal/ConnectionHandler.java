package dev.checkpoint.instrumentation.jdbc.internal;

import dev.checkpoint.core.Instrumenter;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Behind a recording {@link Connection}: hands out recording statements and metadata that lead back
 * to the wrapper, ends the executions still open when the connection closes, and names its database
 * (product name and major.minor version, read once) for the checkpoints of its statements, so that
 * a replay can tell an ORM which database it talks to.
 */
public final class ConnectionHandler extends JdbcHandler<Connection> {

  final Instrumenter recorder;
  private final Set<Execution> open = ConcurrentHashMap.newKeySet();
  private Connection proxy;
  private volatile Map<String, Object> database;

  private ConnectionHandler(Connection delegate, Instrumenter recorder) {
    super(delegate);
    this.recorder = recorder;
  }

  /**
   * Wraps a connection.
   *
   * @param connection the connection
   * @param recorder where its statements are recorded
   * @return the recording connection
   */
  public static Connection wrap(Connection connection, Instrumenter recorder) {
    ConnectionHandler handler = new ConnectionHandler(connection, recorder);
    handler.proxy = proxy(Connection.class, handler);
    return handler.proxy;
  }

  Connection proxy() {
    return proxy;
  }

  /** The attributes naming the database: {@code db.product.name}, {@code db.product.version}. */
  Map<String, Object> database() {
    Map<String, Object> known = database;
    if (known == null) {
      known = new LinkedHashMap<>();
      try {
        DatabaseMetaData metaData = delegate.getMetaData();
        known.put("db.product.name", metaData.getDatabaseProductName());
        known.put(
            "db.product.version",
            metaData.getDatabaseMajorVersion() + "." + metaData.getDatabaseMinorVersion());
      } catch (SQLException | RuntimeException e) {
        LOG.failed("Reading which database a connection is to", e);
      }
      database = known;
    }
    return known;
  }

  void opened(Execution execution) {
    open.add(execution);
  }

  void ended(Execution execution) {
    open.remove(execution);
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "createStatement", "prepareStatement", "prepareCall" -> {
        Statement statement = (Statement) call(method, args);
        return statement == null ? null : statement(method, args, statement);
      }
      case "getMetaData" -> {
        DatabaseMetaData metaData = (DatabaseMetaData) call(method, args);
        return metaData == null ? null : MetaDataHandler.wrap(metaData, this.proxy);
      }
      case "close", "abort" -> {
        try {
          return call(method, args);
        } finally {
          endOpenExecutions();
        }
      }
      default -> {
        return call(method, args);
      }
    }
  }

  private Statement statement(Method method, Object[] args, Statement statement) {
    Class<?> type = method.getReturnType();
    String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
    boolean keys = args != null && args.length == 2 && StatementHandler.requestsKeys(args[1]);
    if (type == CallableStatement.class) {
      return StatementHandler.wrap(CallableStatement.class, statement, this, sql, false);
    }
    if (type == PreparedStatement.class) {
      return StatementHandler.wrap(PreparedStatement.class, statement, this, sql, keys);
    }
    return StatementHandler.wrap(Statement.class, statement, this, null, false);
  }

  private void endOpenExecutions() {
    for (Execution execution : new ArrayList<>(open)) {
      execution.end();
    }
  }
}
