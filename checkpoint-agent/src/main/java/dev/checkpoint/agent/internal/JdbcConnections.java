package dev.checkpoint.agent.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * Wraps a connection a driver or a data source hands out in the JDBC instrumentation's recording
 * connection, once: a pool's connection around a recording one, or one the library wrapped, is left
 * as it is.
 */
final class JdbcConnections implements UnaryOperator<Object> {

  private final Instrumenter recorder;

  JdbcConnections(Instrumenter recorder) {
    this.recorder = recorder;
  }

  @Override
  public Object apply(Object target) {
    if (!recorder.isEnabled()
        || !(target instanceof Connection connection)
        || isRecording(connection)) {
      return target;
    }
    return CheckpointDataSource.wrap(connection, recorder);
  }

  /**
   * Whether the connection records already. The recording connections are proxies that say they
   * wrap {@link Proxy}; a pool's connection asks the connection it holds, a driver's says no.
   */
  private static boolean isRecording(Connection connection) {
    try {
      return connection.isWrapperFor(Proxy.class);
    } catch (SQLException | RuntimeException e) {
      // A driver that cannot answer (a closed connection): recording it is the safe side.
      return false;
    }
  }
}
