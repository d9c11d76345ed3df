package dev.checkpoint.instrumentation.jdbc;

import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.replay.ReplayDataSource;
import dev.checkpoint.instrumentation.jdbc.internal.ConnectionHandler;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.ShardingKey;
import java.sql.ShardingKeyBuilder;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that records every statement run through its connections as a {@code SQL}
 * checkpoint: the SQL text, bind values and batches as input; the rows the application read, the
 * update counts and the generated keys as output; failures with their SQLState and vendor code.
 *
 * <p>Wrap the application's data source, in front of a pool or behind it:
 *
 * <pre>{@code
 * DataSource dataSource = CheckpointDataSource.wrap(hikariDataSource, recorder);
 * // or let the pool hold recording connections:
 * hikariConfig.setDataSource(CheckpointDataSource.wrap(pgSimpleDataSource, recorder));
 * }</pre>
 *
 * <p>Whether a connection records is decided when it is obtained. While the recorder's mode is
 * {@code OFF}, {@code getConnection()} hands out the connection of the wrapped data source itself,
 * so that a service that does not record pays one volatile read per connection and nothing per
 * statement; statements run on such a connection are never recorded, also after recording was
 * switched on. Recording starts with the connections obtained after the switch: with the pool
 * behind this data source (wrap the pool) that is the next {@code getConnection()}, with a pool in
 * front of it the connections the pool opens from then on.
 *
 * <p>The connections obtained while recording, their statements and result sets are dynamic proxies
 * that behave like the driver's own: {@code unwrap} reaches the vendor classes, {@code
 * getConnection()} and {@code getStatement()} return the wrappers, and closing, transactions,
 * batches and generated keys are the driver's. A SQL checkpoint ends when its result has been read:
 * see {@code docs/instrumentation-jdbc-messaging.md}.
 */
public final class CheckpointDataSource implements DataSource {

  private static final String RECORDING_HANDLER = ".jdbc.internal.ConnectionHandler";

  private final DataSource delegate;
  private final Instrumenter recorder;

  private CheckpointDataSource(DataSource delegate, Instrumenter recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  /**
   * Wraps a data source. A data source that is already wrapped is returned as it is, so that no
   * statement is recorded twice.
   *
   * @param dataSource the application's data source
   * @param recorder where checkpoints are recorded
   * @return the recording data source
   */
  public static CheckpointDataSource wrap(DataSource dataSource, Instrumenter recorder) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(recorder, "recorder");
    if (dataSource instanceof CheckpointDataSource wrapped) {
      return wrapped;
    }
    return new CheckpointDataSource(dataSource, recorder);
  }

  /**
   * Wraps a single connection, for code that gets its connections from {@code DriverManager}. A
   * connection that records already (wrapped before, or handed out under the Java agent, whose
   * relocated copy of this wrapper has a handler of the same simple name) is returned as it is, so
   * that no statement is recorded twice.
   *
   * @param connection the connection
   * @param recorder where checkpoints are recorded
   * @return the recording connection; closing it closes {@code connection}
   */
  public static Connection wrap(Connection connection, Instrumenter recorder) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(recorder, "recorder");
    if (Proxy.isProxyClass(connection.getClass())
        && Proxy.getInvocationHandler(connection)
            .getClass()
            .getName()
            .endsWith(RECORDING_HANDLER)) {
      return connection;
    }
    return ConnectionHandler.wrap(connection, recorder);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (!recorder.isEnabled()) {
      return delegate.getConnection();
    }
    Connection replayed = replayed();
    if (replayed != null) {
      return replayed;
    }
    return wrapNullable(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    if (!recorder.isEnabled()) {
      return delegate.getConnection(username, password);
    }
    Connection replayed = replayed();
    if (replayed != null) {
      return replayed;
    }
    return wrapNullable(delegate.getConnection(username, password));
  }

  @Override
  public ConnectionBuilder createConnectionBuilder() throws SQLException {
    ConnectionBuilder builder = delegate.createConnectionBuilder();
    return new ConnectionBuilder() {
      @Override
      public ConnectionBuilder user(String username) {
        builder.user(username);
        return this;
      }

      @Override
      public ConnectionBuilder password(String password) {
        builder.password(password);
        return this;
      }

      @Override
      public ConnectionBuilder shardingKey(ShardingKey shardingKey) {
        builder.shardingKey(shardingKey);
        return this;
      }

      @Override
      public ConnectionBuilder superShardingKey(ShardingKey superShardingKey) {
        builder.superShardingKey(superShardingKey);
        return this;
      }

      @Override
      public Connection build() throws SQLException {
        return recorder.isEnabled() ? wrapNullable(builder.build()) : builder.build();
      }
    };
  }

  @Override
  public ShardingKeyBuilder createShardingKeyBuilder() throws SQLException {
    return delegate.createShardingKeyBuilder();
  }

  /**
   * While a replayed entry request is served (REPLAY mode), a connection answering from its
   * recording, recorded as a real one: statements, transactions and batches in the order recorded,
   * without touching the database. {@code null} otherwise, at the cost of one thread-local read.
   */
  private Connection replayed() {
    Context context = Context.current();
    if (context == null) {
      return null;
    }
    Optional<ReplayLedger> ledger = context.replayLedger();
    return ledger.isEmpty()
        ? null
        : ConnectionHandler.wrap(new ReplayDataSource(ledger::get).getConnection(), recorder);
  }

  private Connection wrapNullable(Connection connection) {
    return connection == null ? null : ConnectionHandler.wrap(connection, recorder);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isInstance(delegate)) {
      return type.cast(delegate);
    }
    return delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || type.isInstance(delegate) || delegate.isWrapperFor(type);
  }

  @Override
  public String toString() {
    return "CheckpointDataSource(" + delegate + ")";
  }
}
