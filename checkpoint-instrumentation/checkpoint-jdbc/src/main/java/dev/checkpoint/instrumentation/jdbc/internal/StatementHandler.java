package dev.checkpoint.instrumentation.jdbc.internal;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.capture.SqlValues;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Behind a recording {@link Statement}, {@link PreparedStatement} or {@link CallableStatement}:
 * remembers bind values and batches while recording is on, starts an {@link Execution} per execute
 * call and wraps the result sets it hands out.
 */
final class StatementHandler extends JdbcHandler<Statement> {

  private final ConnectionHandler connection;
  private final Instrumenter recorder;
  private final String sql;
  private final boolean preparedWithKeys;
  private Statement proxy;
  private String preparedName;
  private String preparedStatementText;
  private BitSet redactedBatch;
  private TreeMap<Integer, Object> indexed;
  private Map<String, Object> named;
  private Set<Integer> secretIndexes;
  private List<Object> batch;
  private boolean batchTruncated;
  private Execution current;
  private ResultSet lastResult;
  private ResultSet lastResultProxy;

  private StatementHandler(
      Statement delegate, ConnectionHandler connection, String sql, boolean preparedWithKeys) {
    super(delegate);
    this.connection = connection;
    this.recorder = connection.recorder;
    this.sql = sql;
    this.preparedWithKeys = preparedWithKeys;
  }

  static <S extends Statement> S wrap(
      Class<S> type,
      Statement statement,
      ConnectionHandler connection,
      String sql,
      boolean preparedWithKeys) {
    StatementHandler handler = new StatementHandler(statement, connection, sql, preparedWithKeys);
    S proxy = proxy(type, handler);
    handler.proxy = proxy;
    return proxy;
  }

  /** Whether the argument after the SQL of an execute or prepare call asks for generated keys. */
  static boolean requestsKeys(Object argument) {
    return (argument instanceof Integer flag && flag == Statement.RETURN_GENERATED_KEYS)
        || (argument instanceof int[] columns && columns.length > 0)
        || (argument instanceof String[] names && names.length > 0);
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.startsWith("execute")) {
      return execute(method, args);
    }
    switch (name) {
      case "getResultSet" -> {
        return result((ResultSet) call(method, args), false);
      }
      case "getGeneratedKeys" -> {
        return result((ResultSet) call(method, args), true);
      }
      case "getUpdateCount", "getLargeUpdateCount" -> {
        Object count = call(method, args);
        if (current != null && ((Number) count).longValue() >= 0) {
          current.updateCount(count);
        }
        return count;
      }
      case "getMoreResults", "close" -> {
        // Both close the current result set inside the driver, where the wrapper cannot see it.
        try {
          return call(method, args);
        } finally {
          endCurrent();
        }
      }
      case "getConnection" -> {
        return connection.proxy();
      }
      case "addBatch" -> {
        Object result = call(method, args);
        if (recorder.isEnabled()) {
          addToBatch(args == null ? parameters() : args[0]);
        }
        return result;
      }
      case "clearBatch" -> {
        Object result = call(method, args);
        batch = null;
        return result;
      }
      case "clearParameters" -> {
        Object result = call(method, args);
        indexed = null;
        named = null;
        return result;
      }
      default -> {
        Object result = call(method, args);
        if (name.startsWith("set")
            && args != null
            && args.length >= 2
            && method.getDeclaringClass() != Statement.class
            && recorder.isEnabled()) {
          bind(name, args);
        }
        return result;
      }
    }
  }

  private Object execute(Method method, Object[] args) throws Throwable {
    endCurrent();
    // Some drivers (SQLite) reuse one result set object; each execution gets a wrapper of its own.
    lastResult = null;
    String name = method.getName();
    boolean isBatch = name.equals("executeBatch") || name.equals("executeLargeBatch");
    Execution execution = recorder.isEnabled() ? start(args, isBatch) : null;
    Object result;
    try {
      result = call(method, args);
    } catch (Throwable error) {
      if (execution != null) {
        execution.fail(error);
      }
      throw error;
    } finally {
      if (isBatch) {
        // The driver empties its batch after executing it, successful or not.
        batch = null;
      }
    }
    if (execution == null) {
      return result instanceof ResultSet resultSet ? result(resultSet, false) : result;
    }
    current = execution;
    connection.opened(execution);
    if (result instanceof ResultSet resultSet) {
      return result(resultSet, false);
    }
    if (!name.equals("execute")) {
      execution.updateCount(result);
    }
    return result;
  }

  private Execution start(Object[] args, boolean isBatch) {
    try {
      String text = args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
      Map<String, Object> input = new LinkedHashMap<>();
      String name;
      String statement = null;
      if (text != null) {
        statement = text == sql ? preparedStatementText() : redactLiterals(text);
        input.put("statement", statement);
        name = text == sql ? preparedName() : SqlTexts.name(text);
      } else {
        name = batch == null || batch.isEmpty() ? "SQL" : SqlTexts.name((String) batch.get(0));
      }
      if (isBatch) {
        input.put("batch", batch == null ? List.of() : batch);
      } else if (sql != null) {
        input.put("parameters", parameters());
      }
      RecordingCheckpoint checkpoint =
          recorder.startDetached(Kind.SQL, name, input, Context.current());
      if (!checkpoint.isRecording()) {
        return null;
      }
      if (isBatch && batchTruncated) {
        checkpoint.markTruncated("input.batch");
      }
      connection.database().forEach(checkpoint::setAttribute);
      if (statement != text) {
        checkpoint.markRedacted("input.statement");
      }
      markRedacted(checkpoint, input);
      boolean keys =
          sql != null
              ? preparedWithKeys
              : args != null && args.length == 2 && requestsKeys(args[1]);
      return new Execution(
          checkpoint,
          text,
          recorder.maxRows(),
          recorder.capture().maxBytes(),
          keys,
          connection::ended);
    } catch (RuntimeException e) {
      LOG.failed("Starting a SQL checkpoint", e);
      return null;
    }
  }

  /**
   * Lists the bind values {@link #bind} replaced and the batched statements whose literals were
   * redacted, as redaction by key lists its own.
   */
  private void markRedacted(RecordingCheckpoint checkpoint, Map<String, Object> input) {
    if (input.get("parameters") instanceof Map<?, ?> parameters) {
      markRedacted(checkpoint, parameters, "input.parameters");
    }
    if (input.get("batch") instanceof List<?> batch) {
      for (int i = 0; i < batch.size(); i++) {
        if (batch.get(i) instanceof Map<?, ?> parameters) {
          markRedacted(checkpoint, parameters, "input.batch[" + i + "]");
        } else if (redactedBatch != null && redactedBatch.get(i)) {
          checkpoint.markRedacted("input.batch[" + i + "]");
        }
      }
    }
  }

  /** The prepared statement's text as recorded, its secret literals redacted once. */
  private String preparedStatementText() {
    if (preparedStatementText == null) {
      preparedStatementText = redactLiterals(sql);
    }
    return preparedStatementText;
  }

  /** The text with the string literals of secret columns redacted; see {@link BindColumns}. */
  private String redactLiterals(String text) {
    try {
      return BindColumns.redactLiterals(text, recorder.capture().redaction());
    } catch (RuntimeException e) {
      LOG.failed("Redacting the literals of a statement", e);
      // The statement may hold a secret that could not be found: it is not recorded.
      return Redaction.MARKER;
    }
  }

  private static void markRedacted(
      RecordingCheckpoint checkpoint, Map<?, ?> parameters, String path) {
    parameters.forEach(
        (key, value) -> {
          // Identity: only the marker bind() put there, not a bound text that reads the same.
          if (value == Redaction.MARKER) {
            checkpoint.markRedacted(path + "." + key);
          }
        });
  }

  private String preparedName() {
    if (preparedName == null) {
      preparedName = SqlTexts.name(sql);
    }
    return preparedName;
  }

  private ResultSet result(ResultSet resultSet, boolean keys) {
    if (resultSet == null) {
      return null;
    }
    if (resultSet == lastResult) {
      // Drivers return the same object on repeated calls; so does the wrapper.
      return lastResultProxy;
    }
    Execution execution = current != null && !current.isEnded() ? current : null;
    if (execution != null) {
      execution.expectRows(keys);
    }
    lastResult = resultSet;
    lastResultProxy = ResultSetHandler.wrap(resultSet, proxy, execution, keys);
    return lastResultProxy;
  }

  private void endCurrent() {
    Execution execution = current;
    current = null;
    if (execution != null) {
      execution.end();
    }
  }

  private void bind(String setter, Object[] args) {
    if (args[0] instanceof Integer index) {
      if (indexed == null) {
        indexed = new TreeMap<>();
      }
      // A secret is replaced before it is converted, so its value is never held.
      indexed.put(index, isSecret(index) ? Redaction.MARKER : value(setter, args));
    } else if (args[0] instanceof String parameterName) {
      // Named parameters are recorded under their names, which redaction by key covers.
      if (named == null) {
        named = new LinkedHashMap<>();
      }
      named.put(parameterName, value(setter, args));
    }
  }

  private Object value(String setter, Object[] args) {
    return setter.equals("setNull")
        ? null
        : SqlValues.toJson(args[1], recorder.capture().maxBytes());
  }

  /** Whether the parameter is bound to a column whose name is secret; see {@link BindColumns}. */
  private boolean isSecret(int index) {
    if (secretIndexes == null) {
      try {
        secretIndexes =
            sql == null ? Set.of() : SqlTexts.secretIndexes(sql, recorder.capture().redaction());
      } catch (RuntimeException e) {
        LOG.failed("Finding the columns of bind values", e);
        secretIndexes = Set.of();
      }
    }
    return secretIndexes.contains(index);
  }

  /** The bind values by index ({@code "1"}, {@code "2"}, ...) and then by name. */
  private Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (indexed != null) {
      indexed.forEach((index, value) -> parameters.put(index.toString(), value));
    }
    if (named != null) {
      parameters.putAll(named);
    }
    return parameters;
  }

  private void addToBatch(Object entry) {
    if (batch == null) {
      batch = new ArrayList<>();
      batchTruncated = false;
      redactedBatch = null;
    }
    if (batch.size() < recorder.maxRows()) {
      Object recorded = entry instanceof String text ? redactLiterals(text) : entry;
      if (recorded != entry) {
        if (redactedBatch == null) {
          redactedBatch = new BitSet();
        }
        redactedBatch.set(batch.size());
      }
      batch.add(recorded);
    } else {
      batchTruncated = true;
    }
  }
}
