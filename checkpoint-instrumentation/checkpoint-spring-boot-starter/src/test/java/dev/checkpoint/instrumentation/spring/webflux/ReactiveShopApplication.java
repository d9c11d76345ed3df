package dev.checkpoint.instrumentation.spring.webflux;

import dev.checkpoint.core.export.InMemoryExporter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A WebFlux application on Reactor Netty with nothing of Checkpoint in it but a {@code @Checkpoint}
 * annotation and the exporter the tests read. Its tests start it with {@code
 * spring.main.web-application-type=reactive}: Spring MVC is on the test class path too.
 */
@SpringBootApplication
public class ReactiveShopApplication {

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
