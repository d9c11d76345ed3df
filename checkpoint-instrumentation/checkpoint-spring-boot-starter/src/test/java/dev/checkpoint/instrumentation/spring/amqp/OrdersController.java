package dev.checkpoint.instrumentation.spring.amqp;

import java.nio.charset.StandardCharsets;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accepts an order and publishes it to the orders queue. */
@RestController
class OrdersController {

  private final RabbitTemplate rabbit;
  private final String queue;

  OrdersController(RabbitTemplate rabbit, @Value("${orders.queue}") String queue) {
    this.rabbit = rabbit;
    this.queue = queue;
  }

  @PostMapping("/orders/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  void place(@PathVariable String id, @RequestBody String order) {
    rabbit.send(
        queue,
        MessageBuilder.withBody(order.getBytes(StandardCharsets.UTF_8))
            .setContentType("application/json")
            .setMessageId("order-" + id)
            .setHeader("x-order", id)
            .build());
  }
}
