package dev.checkpoint.instrumentation.spring.kafka;

import dev.checkpoint.core.export.InMemoryExporter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A web application that sends a shipment with {@code KafkaTemplate} and marks the order shipped
 * from a {@code @KafkaListener}; nothing of Checkpoint in it but a {@code @Checkpoint} annotation
 * and the exporter the tests read. The topic ({@code shipments.topic}, also the consumer group) is
 * given by each test, so that tests running side by side on one broker do not share it.
 */
@SpringBootApplication
public class ShipmentsApplication {

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
