package dev.checkpoint.instrumentation.spring.amqp;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Service;

/** Ships the orders the queue delivers. */
@Service
public class Shipping {

  private final Labels labels;
  private final BlockingQueue<Map<String, Object>> deliveredHeaders = new LinkedBlockingQueue<>();

  Shipping(Labels labels) {
    this.labels = labels;
  }

  /**
   * The headers of each delivered message, in delivery order, for the tests.
   *
   * @return the headers
   */
  public BlockingQueue<Map<String, Object>> deliveredHeaders() {
    return deliveredHeaders;
  }

  @RabbitListener(queues = "${orders.queue}")
  void onOrder(Message message) {
    deliveredHeaders.add(message.getMessageProperties().getHeaders());
    labels.label(new String(message.getBody(), StandardCharsets.UTF_8));
  }
}
