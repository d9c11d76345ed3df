package dev.checkpoint.agent;

import java.util.List;

/**
 * The Spring Boot application under the agent on an in-memory H2 database, its {@code RestClient}
 * on the JDK's {@code HttpClient}.
 */
class H2SpringBootApplicationTest extends SpringBootApplicationTest {

  @Override
  List<String> settings() {
    return List.of(
        "-Dspring.datasource.url=jdbc:h2:mem:garden",
        "-Dspring.http.clients.imperative.factory=jdk");
  }

  @Override
  String userAgent() {
    return "Java-http-client/";
  }
}
