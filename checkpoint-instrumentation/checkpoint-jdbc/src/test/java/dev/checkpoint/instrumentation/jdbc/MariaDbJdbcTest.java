package dev.checkpoint.instrumentation.jdbc;

import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/** The test kit against MariaDB on 127.0.0.1:3306, with table names unique to this run. */
class MariaDbJdbcTest extends JdbcInstrumentationTestKit {

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> functions = new ArrayList<>();
  private final MariaDbDataSource dataSource;

  MariaDbJdbcTest() throws SQLException {
    dataSource =
        new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/test?user=root&connectTimeout=3000");
  }

  @Override
  DataSource openDatabase() throws Exception {
    RequiredService.connect(
        "MariaDB at 127.0.0.1:3306 (database 'test', user 'root')",
        "Start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd",
        () -> {
          try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(3);
          }
        });
    return dataSource;
  }

  @Override
  void closeDatabase(List<String> tables) throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      }
      for (String function : functions) {
        statement.execute("DROP FUNCTION IF EXISTS " + function);
      }
    }
  }

  @Override
  String uniqueTableName(String base) {
    return base + "_" + suffix;
  }

  @Override
  String generatedIdColumn() {
    return "id INTEGER AUTO_INCREMENT PRIMARY KEY";
  }

  @Override
  Class<?> vendorConnectionType() {
    return org.mariadb.jdbc.Connection.class;
  }

  @Override
  String missingTableSqlState() {
    return "42S02";
  }

  @Override
  String createUpperCaseFunction(Connection connection) throws SQLException {
    String function = "shout_" + suffix;
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE FUNCTION "
              + function
              + " (s VARCHAR(40)) RETURNS VARCHAR(40) DETERMINISTIC RETURN UPPER(s)");
    }
    functions.add(function);
    return "{? = call " + function + "(?)}";
  }
}
