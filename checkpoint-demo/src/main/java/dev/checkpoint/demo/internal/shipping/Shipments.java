package dev.checkpoint.demo.internal.shipping;

import dev.checkpoint.demo.internal.Database;
import dev.checkpoint.demo.internal.OrderPaid;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Schedules the shipments of paid orders, announces each new one ({@code shipment.created}), and
 * looks them up.
 */
public final class Shipments {
  /** The shipping service's schema. */
  public static final String SCHEMA =
      """
      CREATE TABLE shipments (
        order_id TEXT PRIMARY KEY,
        payment_id TEXT NOT NULL,
        carrier TEXT NOT NULL,
        eta_days INTEGER NOT NULL,
        status TEXT NOT NULL)
      """;

  private final Database database;
  private final ShipmentPlanner planner;
  private final ShipmentEvents events;

  /**
   * Creates the service.
   *
   * @param database the shipping database
   * @param planner the (recorded) planner
   * @param events where a new shipment is announced
   */
  public Shipments(Database database, ShipmentPlanner planner, ShipmentEvents events) {
    this.database = database;
    this.planner = planner;
    this.events = events;
  }

  /**
   * Plans and stores the shipment of a paid order and announces it; a repeated message changes
   * nothing and announces nothing.
   *
   * @param order the paid order
   * @return the shipment
   */
  public Shipment ship(OrderPaid order) throws SQLException {
    Shipment shipment = planner.plan(order);
    int stored =
        database.update(
            "INSERT INTO shipments (order_id, payment_id, carrier, eta_days, status)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING",
            shipment.orderId(),
            order.paymentId(),
            shipment.carrier(),
            shipment.etaDays(),
            shipment.status());
    if (stored == 1) {
      events.created(shipment);
    }
    return shipment;
  }

  /**
   * The shipment of an order.
   *
   * @param orderId the order
   * @return the shipment, or empty when the order has not been shipped
   */
  public Optional<Shipment> find(String orderId) throws SQLException {
    return database
        .queryOne(
            "SELECT order_id, carrier, eta_days, status FROM shipments WHERE order_id = ?", orderId)
        .map(Shipments::shipment);
  }

  private static Shipment shipment(Map<String, Object> row) {
    return new Shipment(
        (String) row.get("order_id"),
        (String) row.get("carrier"),
        ((Number) row.get("eta_days")).intValue(),
        (String) row.get("status"));
  }
}
