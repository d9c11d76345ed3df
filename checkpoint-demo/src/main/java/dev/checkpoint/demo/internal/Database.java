package dev.checkpoint.demo.internal;

import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A service's own SQLite file, created afresh with its schema and seed data at every start (so each
 * start of the shop behaves the same), queried through the recording {@link CheckpointDataSource}
 * (or the plain one when the instrumentation is none).
 */
public final class Database {
  private final DataSource dataSource;

  private Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Creates {@code <dir>/<service>.db} afresh and runs the schema on it, unrecorded.
   *
   * @param dir the data directory, created when missing
   * @param service the service name, the file name
   * @param schema statements separated by {@code ;}
   * @param instrumentation records the application's statements
   * @return the database
   * @throws IOException when the file cannot be replaced
   * @throws SQLException when the schema fails
   */
  public static Database create(
      Path dir, String service, String schema, Instrumentation instrumentation)
      throws IOException, SQLException {
    Files.createDirectories(dir);
    Path file = dir.resolve(service + ".db");
    Files.deleteIfExists(file);
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(5_000);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    try (Connection connection = sqlite.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : schema.split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
    return new Database(instrumentation.dataSource(sqlite));
  }

  /**
   * Runs a query, or a statement with {@code RETURNING}.
   *
   * @return the rows, each column by its label
   */
  public List<Map<String, Object>> query(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      ResultSetMetaData meta = rows.getMetaData();
      List<Map<String, Object>> result = new ArrayList<>();
      while (rows.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), rows.getObject(i));
        }
        result.add(row);
      }
      return result;
    }
  }

  /** The first row of a query, if any. */
  public Optional<Map<String, Object>> queryOne(String sql, Object... parameters)
      throws SQLException {
    return query(sql, parameters).stream().findFirst();
  }

  /**
   * Runs an update.
   *
   * @return the number of rows changed
   */
  public int update(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
