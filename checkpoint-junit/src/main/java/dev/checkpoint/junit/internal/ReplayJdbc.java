package dev.checkpoint.junit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * JDK dynamic proxies for {@link Connection}, {@link Statement}, {@link PreparedStatement}, {@link
 * CallableStatement} and {@link ResultSet} that answer executions from recorded {@code SQL}
 * checkpoints, chosen over hand-written classes as in the JDBC instrumentation: the interfaces have
 * hundreds of methods of which a few dozen need an answer.
 *
 * <p>Bind values are turned into JSON as the JDBC instrumentation records them (numbers, booleans,
 * text; temporal values as ISO-8601 text; bytes as Base64). Rows are read by column label
 * (case-insensitive) or by index, in the order of the recorded row's fields, which the asset sorts
 * by name. Transactions are accepted and do nothing. Methods without a sensible replayed answer
 * throw {@link SQLFeatureNotSupportedException}.
 */
final class ReplayJdbc {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReplayJdbc() {}

  static Connection connection(Supplier<ReplayLedger> ledgers) {
    return proxy(Connection.class, new ConnectionHandler(ledgers));
  }

  private static <T> T proxy(Class<T> type, Handler handler) {
    Object proxy =
        Proxy.newProxyInstance(ReplayJdbc.class.getClassLoader(), new Class<?>[] {type}, handler);
    handler.self = proxy;
    return type.cast(proxy);
  }

  /** Object methods, wrappers and defaults shared by every proxy. */
  private abstract static class Handler implements InvocationHandler {
    Object self;
    boolean closed;

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      Object[] arguments = args == null ? new Object[0] : args;
      switch (name) {
        case "toString":
          if (arguments.length == 0) {
            return describe();
          }
          break;
        case "hashCode":
          if (arguments.length == 0) {
            return System.identityHashCode(proxy);
          }
          break;
        case "equals":
          if (arguments.length == 1) {
            return proxy == arguments[0];
          }
          break;
        case "unwrap":
          if (((Class<?>) arguments[0]).isInstance(proxy)) {
            return proxy;
          }
          throw new SQLException("A replayed " + describe() + " wraps no " + arguments[0]);
        case "isWrapperFor":
          return ((Class<?>) arguments[0]).isInstance(proxy);
        case "isClosed":
          return closed;
        case "close":
          closed = true;
          onClose();
          return null;
        default:
          break;
      }
      return handle(method, name, arguments);
    }

    abstract Object handle(Method method, String name, Object[] args) throws Exception;

    abstract String describe();

    void onClose() {}

    /* What methods without a replayed meaning answer: setters and hints do nothing. */
    Object defaults(Method method) throws SQLException {
      Class<?> type = method.getReturnType();
      String name = method.getName();
      if (type == void.class) {
        return null;
      }
      if (name.startsWith("get") || name.startsWith("is") || name.startsWith("supports")) {
        if (type == boolean.class) {
          return false;
        }
        if (type == int.class) {
          return 0;
        }
        if (type == long.class) {
          return 0L;
        }
        if (type == String.class) {
          return null;
        }
      }
      throw new SQLFeatureNotSupportedException(
          "A replayed "
              + describe()
              + " does not support "
              + name
              + "(): Checkpoint replays statements, their bind values, rows and update counts."
              + " Test this code against a database, or read the rows by label or index.");
    }
  }

  private static final class ConnectionHandler extends Handler {
    final Supplier<ReplayLedger> ledgers;
    boolean autoCommit = true;
    boolean readOnly;
    int isolation = Connection.TRANSACTION_READ_COMMITTED;
    String catalog;
    String schema;

    ConnectionHandler(Supplier<ReplayLedger> ledgers) {
      this.ledgers = ledgers;
    }

    @Override
    Object handle(Method method, String name, Object[] args) throws Exception {
      switch (name) {
        case "createStatement":
          return proxy(Statement.class, new StatementHandler(this, null, Statement.class));
        case "prepareStatement":
          return proxy(
              PreparedStatement.class,
              new StatementHandler(this, (String) args[0], PreparedStatement.class));
        case "prepareCall":
          return proxy(
              CallableStatement.class,
              new StatementHandler(this, (String) args[0], CallableStatement.class));
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
          return proxy(DatabaseMetaData.class, new MetaDataHandler(self));
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

  private static final class MetaDataHandler extends Handler {
    final Object connection;

    MetaDataHandler(Object connection) {
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

  private static final class StatementHandler extends Handler {
    final ConnectionHandler connection;
    final String sql;
    final Class<?> type;
    final ObjectNode parameters = NODES.objectNode();
    final ObjectNode named = NODES.objectNode();
    ArrayNode batch;
    Object resultSet;
    long updateCount = -1;
    JsonNode generatedKeys;
    int maxRows;
    int fetchSize;
    int queryTimeout;

    StatementHandler(ConnectionHandler connection, String sql, Class<?> type) {
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
            resultSet = resultSet(NODES.arrayNode());
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
        case "executeLargeBatch":
          return executeBatch(name.equals("executeLargeBatch"));
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
          return resultSet(generatedKeys == null ? NODES.arrayNode() : generatedKeys);
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
      JsonNode value = name.equals("setNull") ? NODES.nullNode() : json(args[1]);
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
      JsonNode view = ReplayViews.sql(ledger, text, prepared ? allParameters() : null, null);
      answer(ledger, ledger.take(ReplayViews.Protocol.SQL, view));
    }

    private Object executeBatch(boolean large) throws SQLException {
      ArrayNode items = batch == null ? NODES.arrayNode() : batch;
      batch = null;
      resultSet = null;
      updateCount = -1;
      ReplayLedger ledger = connection.ledgers.get();
      JsonNode view = ReplayViews.sql(ledger, sql, null, items);
      JsonNode output = answer(ledger, ledger.take(ReplayViews.Protocol.SQL, view));
      JsonNode counts = output.path("updateCount");
      int size = counts.isArray() ? counts.size() : items.size();
      if (large) {
        long[] result = new long[size];
        for (int i = 0; i < size; i++) {
          result[i] = counts.isArray() ? counts.get(i).asLong() : Statement.SUCCESS_NO_INFO;
        }
        return result;
      }
      int[] result = new int[size];
      for (int i = 0; i < size; i++) {
        result[i] = counts.isArray() ? counts.get(i).asInt() : Statement.SUCCESS_NO_INFO;
      }
      return result;
    }

    private JsonNode answer(ReplayLedger ledger, Optional<ReplayLedger.Entry> match)
        throws SQLException {
      if (match.isEmpty()) {
        throw new SQLException(ledger.lastFailure(), "CPR01");
      }
      ReplayLedger.Entry entry = match.get();
      Optional<JsonNode> error = entry.checkpoint().error();
      JsonNode output = entry.checkpoint().output();
      if (error.isPresent()) {
        JsonNode attributes = entry.checkpoint().fields().path("attributes");
        SQLException exception =
            new SQLException(
                error.get().path("message").asText("recorded SQL error"),
                attributes.path("sql.state").isTextual()
                    ? attributes.path("sql.state").asText()
                    : null,
                attributes.path("sql.vendorCode").asInt(0));
        if (!output.path("updateCount").isArray()) {
          throw exception;
        }
        throw new java.sql.BatchUpdateException(
            exception.getMessage(),
            exception.getSQLState(),
            exception.getErrorCode(),
            counts(output.path("updateCount")),
            exception);
      }
      if (output.path("rows").isArray()) {
        resultSet = resultSet(output.path("rows"));
      }
      if (output.path("updateCount").isNumber()) {
        updateCount = output.path("updateCount").asLong();
      }
      if (output.path("generatedKeys").isArray()) {
        generatedKeys = output.path("generatedKeys");
      }
      return output;
    }

    private static int[] counts(JsonNode counts) {
      int[] result = new int[counts.size()];
      for (int i = 0; i < result.length; i++) {
        result[i] = counts.get(i).asInt();
      }
      return result;
    }

    private Object resultSet(JsonNode rows) {
      List<JsonNode> list = new ArrayList<>();
      rows.forEach(list::add);
      return proxy(ResultSet.class, new ResultSetHandler(self, list));
    }

    @Override
    String describe() {
      return type.getSimpleName() + (sql == null ? "" : " [" + sql + "]");
    }
  }

  /* As the JDBC instrumentation records bind values. */
  static JsonNode json(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Double
        || value instanceof Float
        || value instanceof BigDecimal
        || value instanceof BigInteger) {
      return MAPPER.valueToTree(value);
    }
    if (value instanceof byte[] bytes) {
      return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof Timestamp timestamp) {
      return NODES.textNode(timestamp.toLocalDateTime().toString());
    }
    if (value instanceof java.sql.Date date) {
      return NODES.textNode(date.toLocalDate().toString());
    }
    if (value instanceof Time time) {
      return NODES.textNode(time.toLocalTime().toString());
    }
    for (Class<?> type :
        List.<Class<?>>of(
            java.sql.Blob.class,
            java.sql.Clob.class,
            java.sql.SQLXML.class,
            java.sql.Array.class,
            java.sql.Ref.class,
            java.sql.Struct.class,
            java.sql.RowId.class,
            ResultSet.class,
            java.io.InputStream.class,
            java.io.Reader.class)) {
      if (type.isInstance(value)) {
        return NODES.textNode("<" + type.getSimpleName() + ">");
      }
    }
    return NODES.textNode(String.valueOf(value));
  }

  private static final class ResultSetHandler extends Handler {
    final Object statement;
    final List<JsonNode> rows;
    final List<String> columns = new ArrayList<>();
    int cursor = -1;
    boolean wasNull;

    ResultSetHandler(Object statement, List<JsonNode> rows) {
      this.statement = statement;
      this.rows = rows;
      for (JsonNode row : rows) {
        row.fieldNames()
            .forEachRemaining(
                name -> {
                  if (!columns.contains(name)) {
                    columns.add(name);
                  }
                });
      }
    }

    @Override
    Object handle(Method method, String name, Object[] args) throws Exception {
      switch (name) {
        case "next":
          cursor = Math.min(cursor + 1, rows.size());
          return cursor < rows.size();
        case "wasNull":
          return wasNull;
        case "getMetaData":
          return proxy(ResultSetMetaData.class, new RowMetaDataHandler(columns));
        case "findColumn":
          return column((String) args[0]) + 1;
        case "getStatement":
          return statement;
        case "getRow":
          return cursor >= 0 && cursor < rows.size() ? cursor + 1 : 0;
        case "isBeforeFirst":
          return cursor < 0 && !rows.isEmpty();
        case "isAfterLast":
          return cursor >= rows.size() && !rows.isEmpty();
        case "isFirst":
          return cursor == 0 && !rows.isEmpty();
        case "isLast":
          return cursor == rows.size() - 1 && !rows.isEmpty();
        case "getType":
          return ResultSet.TYPE_FORWARD_ONLY;
        case "getConcurrency":
          return ResultSet.CONCUR_READ_ONLY;
        case "getFetchDirection":
          return ResultSet.FETCH_FORWARD;
        case "getWarnings":
          return null;
        default:
          if (name.startsWith("get") && args.length >= 1) {
            return read(name, args);
          }
          return defaults(method);
      }
    }

    private int column(String label) throws SQLException {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).equalsIgnoreCase(label)) {
          return i;
        }
      }
      throw new SQLException(
          "The replayed result has no column '" + label + "'; it has " + columns + ".", "42S22");
    }

    private Object read(String getter, Object[] args) throws SQLException {
      if (cursor < 0 || cursor >= rows.size()) {
        throw new SQLException(
            "The replayed result set is not on a row: call next() first, and only while it"
                + " returns true.");
      }
      String label;
      if (args[0] instanceof Integer index) {
        if (index < 1 || index > columns.size()) {
          throw new SQLException(
              "Column index " + index + " is out of range 1.." + columns.size(), "07009");
        }
        label = columns.get(index - 1);
      } else {
        label = columns.get(column((String) args[0]));
      }
      JsonNode value = rows.get(cursor).path(label);
      wasNull = value.isNull() || value.isMissingNode();
      Class<?> target =
          getter.equals("getObject") && args.length == 2 && args[1] instanceof Class<?> type
              ? type
              : null;
      try {
        return convert(getter, target, value);
      } catch (RuntimeException e) {
        throw new SQLException(
            "Cannot read the recorded value "
                + value
                + " of column '"
                + label
                + "' with "
                + getter
                + "()"
                + (value.isTextual() && value.textValue().startsWith("<")
                    ? ": the asset replaced it with a placeholder. Exempt the column with a keep"
                        + " rule (NormalisationRule.keepKey) and record again."
                    : ": " + e.getMessage()),
            "22018",
            e);
      }
    }

    private static Object convert(String getter, Class<?> target, JsonNode value) {
      boolean isNull = value.isNull() || value.isMissingNode();
      switch (getter) {
        case "getString":
        case "getNString":
          return isNull ? null : value.asText();
        case "getInt":
          return isNull ? 0 : value.isNumber() ? value.intValue() : Integer.parseInt(text(value));
        case "getLong":
          return isNull ? 0L : value.isNumber() ? value.longValue() : Long.parseLong(text(value));
        case "getShort":
          return isNull ? (short) 0 : (short) Integer.parseInt(value.asText());
        case "getByte":
          return isNull ? (byte) 0 : (byte) Integer.parseInt(value.asText());
        case "getDouble":
          return isNull
              ? 0d
              : value.isNumber() ? value.doubleValue() : Double.parseDouble(text(value));
        case "getFloat":
          return isNull
              ? 0f
              : (float) (value.isNumber() ? value.doubleValue() : Double.parseDouble(text(value)));
        case "getBoolean":
          return !isNull
              && (value.isBoolean()
                  ? value.booleanValue()
                  : value.isNumber()
                      ? value.intValue() != 0
                      : Boolean.parseBoolean(text(value)) || text(value).equals("1"));
        case "getBigDecimal":
          return isNull
              ? null
              : value.isNumber() ? value.decimalValue() : new BigDecimal(text(value));
        case "getDate":
          return isNull
              ? null
              : java.sql.Date.valueOf(LocalDate.parse(text(value).substring(0, 10)));
        case "getTime":
          return isNull ? null : Time.valueOf(LocalTime.parse(text(value)));
        case "getTimestamp":
          return isNull ? null : Timestamp.valueOf(LocalDateTime.parse(text(value)));
        case "getBytes":
          return isNull ? null : Base64.getDecoder().decode(text(value));
        case "getObject":
          return isNull ? null : target == null ? natural(value) : as(target, value);
        default:
          throw new UnsupportedOperationException(
              getter + " is not supported; read the value with getObject or getString");
      }
    }

    private static String text(JsonNode value) {
      if (!value.isValueNode()) {
        throw new IllegalArgumentException("the value is not a scalar");
      }
      return value.asText();
    }

    private static Object natural(JsonNode value) {
      if (value.isIntegralNumber()) {
        return value.canConvertToInt()
            ? (Object) value.intValue()
            : value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
      }
      if (value.isNumber()) {
        return value.decimalValue();
      }
      if (value.isBoolean()) {
        return value.booleanValue();
      }
      if (value.isTextual()) {
        return value.textValue();
      }
      return value.toString();
    }

    private static Object as(Class<?> target, JsonNode value) {
      if (target == String.class) {
        return value.asText();
      }
      if (target == Integer.class) {
        return value.isNumber() ? value.intValue() : Integer.valueOf(text(value));
      }
      if (target == Long.class) {
        return value.isNumber() ? value.longValue() : Long.valueOf(text(value));
      }
      if (target == BigDecimal.class) {
        return value.isNumber() ? value.decimalValue() : new BigDecimal(text(value));
      }
      if (target == Double.class) {
        return value.isNumber() ? value.doubleValue() : Double.valueOf(text(value));
      }
      if (target == Boolean.class) {
        return value.isBoolean() ? value.booleanValue() : Boolean.valueOf(text(value));
      }
      if (target == LocalDate.class) {
        return LocalDate.parse(text(value));
      }
      if (target == LocalDateTime.class) {
        return LocalDateTime.parse(text(value));
      }
      if (target == LocalTime.class) {
        return LocalTime.parse(text(value));
      }
      if (target == OffsetDateTime.class) {
        return OffsetDateTime.parse(text(value));
      }
      if (target == UUID.class) {
        return UUID.fromString(text(value));
      }
      return MAPPER.convertValue(value, target);
    }

    @Override
    String describe() {
      return "ResultSet";
    }
  }

  private static final class RowMetaDataHandler extends Handler {
    final List<String> columns;

    RowMetaDataHandler(List<String> columns) {
      this.columns = columns;
    }

    @Override
    Object handle(Method method, String name, Object[] args) throws Exception {
      switch (name) {
        case "getColumnCount":
          return columns.size();
        case "getColumnLabel":
        case "getColumnName":
          return columns.get((Integer) args[0] - 1);
        case "getColumnType":
          return Types.JAVA_OBJECT;
        case "getColumnTypeName":
          return "JSON";
        case "getColumnClassName":
          return Object.class.getName();
        case "isNullable":
          return ResultSetMetaData.columnNullableUnknown;
        case "getTableName":
        case "getSchemaName":
        case "getCatalogName":
          return "";
        default:
          return defaults(method);
      }
    }

    @Override
    String describe() {
      return "ResultSetMetaData";
    }
  }
}
