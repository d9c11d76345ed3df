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
   */
  @Checkpoint
  public String markShipped(String shipment) {
    return "SHIPPED " + shipment.length();
  }
}
