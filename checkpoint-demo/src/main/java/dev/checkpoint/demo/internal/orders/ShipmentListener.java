package dev.checkpoint.demo.internal.orders;

import dev.checkpoint.demo.internal.Json;
import dev.checkpoint.demo.internal.Kafka;
import dev.checkpoint.demo.internal.ShipmentCreated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads {@code shipment.created} from Kafka on a thread of its own and marks each order shipped. It
 * reads every partition of the topic from where the topic ends when it starts, without a consumer
 * group: one orders process sees each event published after it answers, and an event published
 * before is not replayed into a new process's trees.
 */
public final class ShipmentListener implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long STOP_TIMEOUT_MS = 5_000;

  private final Consumer<String, byte[]> consumer;
  private final Orders orders;
  private final Thread thread;

  private ShipmentListener(Consumer<String, byte[]> consumer, Orders orders) {
    this.consumer = consumer;
    this.orders = orders;
    this.thread = new Thread(this::run, "orders-shipment-created");
  }

  /**
   * Positions the consumer at the end of the topic, then starts reading.
   *
   * @param consumer a (recording) consumer, used by the listener alone from now on
   * @param orders marks the orders shipped
   * @return the running listener
   */
  public static ShipmentListener start(Consumer<String, byte[]> consumer, Orders orders) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(Kafka.SHIPMENT_CREATED).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolved now, not at the first poll: an event published once orders answers is never missed.
    partitions.forEach(consumer::position);
    ShipmentListener listener = new ShipmentListener(consumer, orders);
    listener.thread.start();
    return listener;
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          handle(record);
        }
      }
    } catch (WakeupException e) {
      // close() asked the loop to end.
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    try {
      String orderId = Json.read(record.value(), ShipmentCreated.class).orderId();
      if (orders.markShipped(orderId)) {
        System.out.println("orders: order " + orderId + " shipped");
      } else {
        System.err.println("orders: shipment.created for an unknown order " + orderId);
      }
    } catch (Exception e) {
      // Keep reading: one bad event must not stop the others.
      System.err.println(
          "orders: cannot handle " + new String(record.value(), StandardCharsets.UTF_8) + ": " + e);
    }
  }

  /** Stops reading and closes the consumer, waiting a bounded time. */
  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(STOP_TIMEOUT_MS);
  }
}
