package dev.checkpoint.instrumentation.spring.kafka;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Marks the orders of the shipments the topic delivers shipped, and tells the customers on the
 * notices topic ({@code shipments.topic} with {@code .notices}).
 */
@Service
public class ShipmentListener {

  private final Orders orders;
  private final KafkaTemplate<String, String> kafka;
  private final BlockingQueue<ConsumerRecord<String, String>> delivered =
      new LinkedBlockingQueue<>();

  ShipmentListener(Orders orders, KafkaTemplate<String, String> kafka) {
    this.orders = orders;
    this.kafka = kafka;
  }

  /**
   * The records delivered to the listener, in delivery order, for the tests.
   *
   * @return the records
   */
  public BlockingQueue<ConsumerRecord<String, String>> delivered() {
    return delivered;
  }

  @KafkaListener(topics = "${shipments.topic}", groupId = "${shipments.topic}")
  void onShipment(ConsumerRecord<String, String> record) throws Exception {
    String state = orders.markShipped(record.value());
    kafka.send(record.topic() + ".notices", record.key(), state).get(30, TimeUnit.SECONDS);
    delivered.add(record);
  }
}
