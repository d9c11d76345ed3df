package dev.checkpoint.server.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The test PostgreSQL at 127.0.0.1:5432, database {@code test}, trust authentication as {@code
 * postgres} or {@code root}. Outside CI a missing database skips the test with a loud reason; with
 * {@code CI=true} it fails it, so that CI cannot pass without PostgreSQL.
 */
public final class PostgresDatabase {
  public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=3";
  private static final List<String> USERS = List.of("postgres", "root");

  private PostgresDatabase() {}

  /** The user that can connect; skips or fails the test if none can. */
  public static String user() {
    SQLException last = null;
    for (String user : USERS) {
      try (Connection ignored = DriverManager.getConnection(URL, user, null)) {
        return user;
      } catch (SQLException e) {
        last = e;
      }
    }
    String reason =
        "PostgreSQL is not reachable at "
            + URL
            + " as "
            + USERS
            + " ("
            + (last == null ? "no attempt" : last.getMessage())
            + "). Start it (trust authentication, database 'test') to run the PostgreSQL tests.";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true requires PostgreSQL. " + reason);
    }
    System.err.println("SKIPPING PostgreSQL tests: " + reason);
    assumeTrue(false, reason);
    throw new AssertionError("unreachable");
  }

  /** A schema name no other test uses. */
  public static String newSchemaName() {
    return "checkpoint_test_"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  public static void dropSchema(String user, String schema) throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, user, null);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
