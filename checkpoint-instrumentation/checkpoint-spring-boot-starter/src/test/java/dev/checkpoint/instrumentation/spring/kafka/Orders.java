package dev.checkpoint.instrumentation.spring.kafka;

import dev.checkpoint.Checkpoint;
import org.springframework.stereotype.Service;

/** The orders a shipment marks shipped. */
@Service
public class Orders {

  /**
   * Marks an order shipped.
   *
   * @param shipment the shipment as JSON
   * @return the order's new state
   * @throws IllegalArgumentException when the shipment has no carrier
   */
  @Checkpoint
  public String markShipped(String shipment) {
    if (shipment.contains("\"carrier\":\"none\"")) {
      throw new IllegalArgumentException("No carrier for " + shipment);
    }
    return "SHIPPED " + shipment.length();
  }
}
