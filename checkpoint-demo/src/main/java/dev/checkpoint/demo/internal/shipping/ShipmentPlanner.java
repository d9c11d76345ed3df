package dev.checkpoint.demo.internal.shipping;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.demo.internal.OrderPaid;

/** Decides how a paid order travels; recorded as a METHOD checkpoint. */
public interface ShipmentPlanner {

  /**
   * Plans a shipment.
   *
   * @param order the paid order
   * @return the plan
   */
  @Checkpoint
  Shipment plan(OrderPaid order);

  /** Orders of 50.00 or more go by courier in a day, the rest by parcel post in three. */
  static ShipmentPlanner standard() {
    return order ->
        order.amountCents() >= 5_000
            ? new Shipment(order.orderId(), "courier", 1, "SCHEDULED")
            : new Shipment(order.orderId(), "parcel-post", 3, "SCHEDULED");
  }
}
