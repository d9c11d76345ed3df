package dev.checkpoint.instrumentation.spring.amqp;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The simple listener container, Spring Boot's default: its consumers hand each delivery to the
 * listener's thread.
 */
@TestPropertySource(properties = "spring.rabbitmq.listener.type=simple")
class SimpleRabbitListenerTest extends AbstractRabbitListenerTest {

  private static final String QUEUE = "checkpoint-orders-simple-" + UUID.randomUUID();

  @DynamicPropertySource
  static void queue(DynamicPropertyRegistry registry) {
    registry.add("orders.queue", () -> QUEUE);
  }
}
