package dev.checkpoint.demo.internal.shipping;

import dev.checkpoint.demo.internal.Json;
import dev.checkpoint.demo.internal.Kafka;
import dev.checkpoint.demo.internal.ShipmentCreated;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Tells the rest of the shop that a shipment was created: {@code shipment.created} to Kafka, keyed
 * by the order id; or nothing, without Kafka.
 */
public final class ShipmentEvents implements AutoCloseable {
  private static final long SEND_TIMEOUT_MS = 10_000;

  private final Producer<String, byte[]> producer;

  private ShipmentEvents(Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  /**
   * Publishes to Kafka.
   *
   * @param producer a (recording) producer
   * @return the events
   */
  public static ShipmentEvents kafka(Producer<String, byte[]> producer) {
    return new ShipmentEvents(producer);
  }

  /**
   * Publishes nothing.
   *
   * @return the events
   */
  public static ShipmentEvents none() {
    return new ShipmentEvents(null);
  }

  /**
   * Publishes the event and waits for Kafka's answer, so that the shipment's work ends with its
   * event stored. A failed send is reported and the shipment stays: the event is lost, not the
   * shipment.
   *
   * @param shipment the stored shipment
   */
  void created(Shipment shipment) {
    if (producer == null) {
      return;
    }
    try {
      producer
          .send(
              new ProducerRecord<>(
                  Kafka.SHIPMENT_CREATED,
                  shipment.orderId(),
                  Json.bytes(
                      new ShipmentCreated(
                          shipment.orderId(), shipment.carrier(), shipment.etaDays()))))
          .get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("shipping: shipment.created not sent, interrupted");
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      System.err.println(
          "shipping: shipment.created for order " + shipment.orderId() + " not sent: " + e);
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
    }
  }
}
