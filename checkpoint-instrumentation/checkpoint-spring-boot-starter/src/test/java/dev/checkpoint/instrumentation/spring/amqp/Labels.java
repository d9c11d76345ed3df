package dev.checkpoint.instrumentation.spring.amqp;

import dev.checkpoint.Checkpoint;
import org.springframework.stereotype.Service;

/** Makes shipping labels; an order naming no address has none. */
@Service
public class Labels {

  /**
   * Makes the shipping label of an order.
   *
   * @param order the order as JSON
   * @return the label
   */
  @Checkpoint
  public String label(String order) {
    if (!order.contains("address")) {
      throw new IllegalArgumentException("Order has no address: " + order);
    }
    return "LABEL " + order.length();
  }
}
