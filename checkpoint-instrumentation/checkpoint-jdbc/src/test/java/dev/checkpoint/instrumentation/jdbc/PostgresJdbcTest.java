package dev.checkpoint.instrumentation.jdbc;

import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/** The test kit against PostgreSQL on 127.0.0.1:5432, in a schema of its own. */
class PostgresJdbcTest extends JdbcInstrumentationTestKit {

  private final String schema = "checkpoint_jdbc_" + UUID.randomUUID().toString().substring(0, 8);

  @Override
  DataSource openDatabase() throws Exception {
    RequiredService.connect(
        "PostgreSQL at 127.0.0.1:5432 (database 'test', user 'postgres')",
        "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
        () -> {
          try (Connection connection = dataSource(null).getConnection();
              Statement statement = connection.createStatement()) {
            return statement.execute("CREATE SCHEMA " + schema);
          }
        });
    return dataSource(schema);
  }

  private static PGSimpleDataSource dataSource(String schema) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {"127.0.0.1"});
    dataSource.setPortNumbers(new int[] {5432});
    dataSource.setDatabaseName("test");
    dataSource.setUser("postgres");
    dataSource.setConnectTimeout(3);
    dataSource.setCurrentSchema(schema);
    return dataSource;
  }

  @Override
  void closeDatabase(List<String> tables) throws SQLException {
    try (Connection connection = dataSource(null).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Override
  String uniqueTableName(String base) {
    return base;
  }

  @Override
  String generatedIdColumn() {
    return "id SERIAL PRIMARY KEY";
  }

  @Override
  Class<?> vendorConnectionType() {
    return PGConnection.class;
  }

  @Override
  String missingTableSqlState() {
    return "42P01";
  }

  @Override
  String createUpperCaseFunction(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE FUNCTION shout(s TEXT) RETURNS TEXT AS $$ SELECT upper(s) $$ LANGUAGE sql");
    }
    return "{? = call shout(?)}";
  }
}
