package dev.checkpoint.core.internal.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.assets.replay.ReplayViews;
import dev.checkpoint.core.capture.SqlValues;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A replayed {@link java.sql.Statement}, {@link java.sql.PreparedStatement} or {@link
 * java.sql.CallableStatement}: collects bind values and batch items as the JDBC instrumentation
 * records them ({@link SqlValues}), and answers each execution with the {@link RecordedExecution}
 * that matches its SQL, bind values and batch.
 */
final class ReplayStatement extends ReplayHandler {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ReplayConnection connection;
  private final String sql;
  private final Class<?> type;
  private final ObjectNode parameters = NODES.objectNode();
  private final ObjectNode named = NODES.objectNode();
  private ArrayNode batch;
  private Object resultSet;
  private long updateCount = -1;
  private RecordedExecution.Result generatedKeys;
  private int maxRows;
  private int fetchSize;
  private int queryTimeout;

  ReplayStatement(ReplayConnection connection, String sql, Class<?> type) {
    this.connection = connection;
    this.sql = sql;
    this.type = type;
  }

  @Override
  Object handle(Method method, String name, Object[] args) throws Exception {
    if (isBind(name, args)) {
      bind(name, args);
      return null;
    }
    switch (name) {
      case "clearParameters":
        parameters.removeAll();
        named.removeAll();
        return null;
      case "addBatch":
        if (batch == null) {
          batch = NODES.arrayNode();
        }
        if (args.length == 1) {
          batch.add((String) args[0]);
        } else {
          batch.add(allParameters().deepCopy());
        }
        return null;
      case "clearBatch":
        batch = null;
        return null;
      case "executeQuery":
        execute(text(args));
        if (resultSet == null) {
          resultSet = resultSet(RecordedExecution.Result.EMPTY);
        }
        return resultSet;
      case "executeUpdate":
        execute(text(args));
        return (int) Math.max(updateCount, 0);
      case "executeLargeUpdate":
        execute(text(args));
        return Math.max(updateCount, 0);
      case "execute":
        execute(text(args));
        return resultSet != null;
      case "executeBatch":
        return toInts(executeBatch());
      case "executeLargeBatch":
        return executeBatch();
      case "getResultSet":
        return resultSet;
      case "getUpdateCount":
        return resultSet != null ? -1 : (int) updateCount;
      case "getLargeUpdateCount":
        return resultSet != null ? -1L : updateCount;
      case "getMoreResults":
        resultSet = null;
        updateCount = -1;
        return false;
      case "getGeneratedKeys":
        return resultSet(generatedKeys == null ? RecordedExecution.Result.EMPTY : generatedKeys);
      case "getConnection":
        return connection.self;
      case "getMaxRows":
        return maxRows;
      case "setMaxRows":
        maxRows = (Integer) args[0];
        return null;
      case "getFetchSize":
        return fetchSize;
      case "setFetchSize":
        fetchSize = (Integer) args[0];
        return null;
      case "getQueryTimeout":
        return queryTimeout;
      case "setQueryTimeout":
        queryTimeout = (Integer) args[0];
        return null;
      case "getResultSetType":
        return ResultSet.TYPE_FORWARD_ONLY;
      case "getResultSetConcurrency":
        return ResultSet.CONCUR_READ_ONLY;
      case "getWarnings":
        return null;
      default:
        return defaults(method);
    }
  }

  private static boolean isBind(String name, Object[] args) {
    return name.startsWith("set")
        && args.length >= 2
        && (args[0] instanceof Integer || args[0] instanceof String);
  }

  private void bind(String name, Object[] args) {
    JsonNode value =
        name.equals("setNull")
            ? NODES.nullNode()
            : MAPPER.valueToTree(SqlValues.toJson(args[1], Integer.MAX_VALUE));
    if (args[0] instanceof Integer index) {
      parameters.set(index.toString(), value);
    } else {
      named.set((String) args[0], value);
    }
  }

  private ObjectNode allParameters() {
    ObjectNode all = parameters.deepCopy();
    all.setAll(named);
    return all;
  }

  private String text(Object[] args) {
    return args.length > 0 && args[0] instanceof String text ? text : sql;
  }

  private void execute(String text) throws SQLException {
    resultSet = null;
    updateCount = -1;
    generatedKeys = null;
    boolean prepared = text == sql && sql != null;
    ReplayLedger ledger = connection.ledgers.get();
    apply(
        RecordedExecution.take(
            ledger, ReplayViews.sql(text, prepared ? allParameters() : null, null)));
  }

  private long[] executeBatch() throws SQLException {
    ArrayNode items = batch == null ? NODES.arrayNode() : batch;
    batch = null;
    resultSet = null;
    updateCount = -1;
    ReplayLedger ledger = connection.ledgers.get();
    RecordedExecution recorded = RecordedExecution.take(ledger, ReplayViews.sql(sql, null, items));
    apply(recorded);
    return recorded.batchCounts(items.size());
  }

  private void apply(RecordedExecution recorded) {
    if (recorded.rows() != null) {
      resultSet = resultSet(recorded.rows());
    }
    updateCount = recorded.updateCount();
    generatedKeys = recorded.generatedKeys();
  }

  private static int[] toInts(long[] counts) {
    int[] ints = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      ints[i] = (int) counts[i];
    }
    return ints;
  }

  private Object resultSet(RecordedExecution.Result result) {
    return proxy(ResultSet.class, new ReplayResultSet(self, result.rows(), result.columns()));
  }

  @Override
  String describe() {
    return type.getSimpleName() + (sql == null ? "" : " [" + sql + "]");
  }
}
