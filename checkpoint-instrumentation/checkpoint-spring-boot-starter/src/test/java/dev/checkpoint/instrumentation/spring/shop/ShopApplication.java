package dev.checkpoint.instrumentation.spring.shop;

import dev.checkpoint.core.export.InMemoryExporter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small Spring Boot web application with nothing of Checkpoint in it but one {@code @Checkpoint}
 * annotation per service and the exporter the tests read.
 */
@SpringBootApplication
public class ShopApplication {

  /**
   * Where the starter's recorder exports, instead of the checkpoint server.
   *
   * @return the exporter
   */
  @Bean
  InMemoryExporter checkpointExporter() {
    return InMemoryExporter.create();
  }
}
