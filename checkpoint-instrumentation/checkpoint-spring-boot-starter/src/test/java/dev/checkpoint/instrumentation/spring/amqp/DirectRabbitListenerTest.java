package dev.checkpoint.instrumentation.spring.amqp;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The direct listener container: the listener runs on the RabbitMQ client's delivery thread. */
@TestPropertySource(properties = "spring.rabbitmq.listener.type=direct")
class DirectRabbitListenerTest extends AbstractRabbitListenerTest {

  private static final String QUEUE = "checkpoint-orders-direct-" + UUID.randomUUID();

  @DynamicPropertySource
  static void queue(DynamicPropertyRegistry registry) {
    registry.add("orders.queue", () -> QUEUE);
  }
}
