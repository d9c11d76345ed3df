package dev.checkpoint.instrumentation.spring.kafka;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Service;

/** Marks the orders of the shipments the topic delivers shipped. */
@Service
public class ShipmentListener {

  private final Orders orders;
  private final BlockingQueue<ConsumerRecord<String, String>> delivered =
      new LinkedBlockingQueue<>();

  ShipmentListener(Orders orders) {
    this.orders = orders;
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
  void onShipment(ConsumerRecord<String, String> record) {
    orders.markShipped(record.value());
    delivered.add(record);
  }
}
