package dev.checkpoint.instrumentation.spring.amqp;

import dev.checkpoint.core.export.InMemoryExporter;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A web application that publishes an order with {@code RabbitTemplate} and ships it from a
 * {@code @RabbitListener}; nothing of Checkpoint in it but a {@code @Checkpoint} annotation and the
 * exporter the tests read. The queue's name ({@code orders.queue}) is given by each test, so that
 * tests running side by side on one broker do not share it.
 */
@SpringBootApplication
public class OrdersApplication {

  /**
   * Where the starter's recorder exports.
   *
   * @return the exporter
   */
  @Bean
  InMemoryExporter checkpointExporter() {
    return InMemoryExporter.create();
  }

  /**
   * The orders queue, deleted by the broker when the application stops consuming from it.
   *
   * @param name its name
   * @return the queue
   */
  @Bean
  Queue ordersQueue(@Value("${orders.queue}") String name) {
    return new Queue(name, false, false, true);
  }
}
