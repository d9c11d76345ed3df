package dev.checkpoint.core.replay;

import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.core.internal.jdbc.ReplayConnection;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections answer statements with the recorded {@code SQL} checkpoints of a
 * ledger; no database is involved. Bind values are turned into JSON as the JDBC instrumentation
 * records them; rows are read by column label (case-insensitive) or by index, in the order of the
 * recorded row's fields. Transactions are accepted and do nothing. Methods without a sensible
 * replayed answer throw {@link SQLFeatureNotSupportedException}.
 */
public final class ReplayDataSource implements DataSource {

  private final Supplier<ReplayLedger> ledgers;
  private int loginTimeout;

  /**
   * A data source answering from the ledger current when a statement executes.
   *
   * @param ledgers the ledger of the test being run
   */
  public ReplayDataSource(Supplier<ReplayLedger> ledgers) {
    this.ledgers = ledgers;
  }

  @Override
  public Connection getConnection() {
    return ReplayConnection.open(ledgers);
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
