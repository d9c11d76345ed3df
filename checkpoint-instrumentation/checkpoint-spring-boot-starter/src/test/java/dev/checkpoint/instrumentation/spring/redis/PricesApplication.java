package dev.checkpoint.instrumentation.spring.redis;

import dev.checkpoint.core.export.InMemoryExporter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A web application that keeps prices in Redis with Spring Data Redis's {@code StringRedisTemplate}
 * (on Lettuce, Spring Boot's default); nothing of Checkpoint in it but the exporter the tests read.
 * Its keys start with {@code prices.prefix}, given by each test, so that tests running side by side
 * on one Redis do not share them.
 */
@SpringBootApplication
public class PricesApplication {

  /**
   * Where the starter's recorder exports.
   *
   * @return the exporter
   */
  @Bean
  InMemoryExporter checkpointExporter() {
    return InMemoryExporter.create();
  }
}
