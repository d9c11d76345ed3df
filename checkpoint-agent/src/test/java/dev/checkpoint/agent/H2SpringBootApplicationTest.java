package dev.checkpoint.agent;

import java.util.List;

/** The Spring Boot application under the agent on an in-memory H2 database. */
class H2SpringBootApplicationTest extends SpringBootApplicationTest {

  @Override
  List<String> database() {
    return List.of("-Dspring.datasource.url=jdbc:h2:mem:garden");
  }
}
