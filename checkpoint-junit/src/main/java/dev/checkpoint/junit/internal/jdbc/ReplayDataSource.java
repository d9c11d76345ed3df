package dev.checkpoint.junit.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections answer statements with the recorded {@code SQL} checkpoints of a
 * ledger; no database is involved. See {@link ReplayJdbc} for what the connections support.
 */
final class ReplayDataSource implements DataSource {

  private final Supplier<ReplayLedger> ledgers;
  private int loginTimeout;

  ReplayDataSource(Supplier<ReplayLedger> ledgers) {
    this.ledgers = ledgers;
  }

  @Override
  public Connection getConnection() {
    return ReplayJdbc.connection(ledgers);
  }

  @Override
  public Connection getConnection(String username, String password) {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("The replay data source does not log");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("The replay data source does not wrap a " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  @Override
  public String toString() {
    return "ReplayDataSource[" + ledgers.get().size() + " recorded calls]";
  }
}
