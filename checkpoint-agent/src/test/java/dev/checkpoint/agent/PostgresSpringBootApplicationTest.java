package dev.checkpoint.agent;

import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Spring Boot application under the agent on the real PostgreSQL at 127.0.0.1:5432 (database
 * {@code test}), in a schema of its own that the test drops; its {@code RestClient} on the client
 * Spring Boot picks from the class path, Apache HttpClient 5.
 */
class PostgresSpringBootApplicationTest extends SpringBootApplicationTest {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private final String schema = "garden_" + UUID.randomUUID().toString().replace("-", "");

  @BeforeAll
  static void postgres() throws Exception {
    RequiredService.connect(
            "PostgreSQL at 127.0.0.1:5432 (database test, user postgres)",
            "Start it with scripts/services.sh.",
            () -> DriverManager.getConnection(URL, "postgres", ""))
        .close();
  }

  @Override
  List<String> settings() {
    return List.of(
        "-Dspring.datasource.url=" + URL + "?currentSchema=" + schema,
        "-Dspring.datasource.username=postgres",
        "-Dspring.datasource.hikari.connection-init-sql=CREATE SCHEMA IF NOT EXISTS " + schema);
  }

  @Override
  String userAgent() {
    return "Apache-HttpClient/";
  }

  @AfterEach
  void dropSchema() throws Exception {
    try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
