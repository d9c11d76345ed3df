package dev.checkpoint.core.internal.jdbc;

import dev.checkpoint.assets.replay.ReplayLedger;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * A replayed {@link Connection}: hands out statements answered from the ledger of the test being
 * run, and keeps the settings a pool or an ORM sets (auto-commit, read-only, isolation, catalog,
 * schema) so that it reads them back. Transactions are accepted and do nothing.
 */
public final class ReplayConnection extends ReplayHandler {
  final Supplier<ReplayLedger> ledgers;
  private boolean autoCommit = true;
  private boolean readOnly;
  private int isolation = Connection.TRANSACTION_READ_COMMITTED;
  private String catalog;
  private String schema;

  private ReplayConnection(Supplier<ReplayLedger> ledgers) {
    this.ledgers = ledgers;
  }

  /**
   * A connection answering from a ledger's recorded {@code SQL} checkpoints.
   *
   * @param ledgers the ledger of the replay at hand, read at each execution
   * @return the connection
   */
  public static Connection open(Supplier<ReplayLedger> ledgers) {
    return proxy(Connection.class, new ReplayConnection(ledgers));
  }

  @Override
  Object handle(Method method, String name, Object[] args) throws Exception {
    switch (name) {
      case "createStatement":
        return proxy(Statement.class, new ReplayStatement(this, null, Statement.class));
      case "prepareStatement":
        return proxy(
            PreparedStatement.class,
            new ReplayStatement(this, (String) args[0], PreparedStatement.class));
      case "prepareCall":
        return proxy(
            CallableStatement.class,
            new ReplayStatement(this, (String) args[0], CallableStatement.class));
      case "nativeSQL":
        return args[0];
      case "getAutoCommit":
        return autoCommit;
      case "setAutoCommit":
        autoCommit = (Boolean) args[0];
        return null;
      case "isReadOnly":
        return readOnly;
      case "setReadOnly":
        readOnly = (Boolean) args[0];
        return null;
      case "getTransactionIsolation":
        return isolation;
      case "setTransactionIsolation":
        isolation = (Integer) args[0];
        return null;
      case "getCatalog":
        return catalog;
      case "setCatalog":
        catalog = (String) args[0];
        return null;
      case "getSchema":
        return schema;
      case "setSchema":
        schema = (String) args[0];
        return null;
      case "isValid":
        return !closed;
      case "getMetaData":
        return proxy(DatabaseMetaData.class, new ReplayDatabaseMetaData(self, ledgers));
      case "getWarnings":
        return null;
      default:
        return defaults(method);
    }
  }

  @Override
  String describe() {
    return "Connection";
  }
}
