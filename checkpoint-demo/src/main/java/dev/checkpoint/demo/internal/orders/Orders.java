package dev.checkpoint.demo.internal.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.CheckpointIds;
import dev.checkpoint.demo.internal.Database;
import dev.checkpoint.demo.internal.Json;
import dev.checkpoint.demo.internal.Reply;
import dev.checkpoint.demo.internal.payments.PaymentRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Places orders: price, store, pay through the payments service, and record the outcome; marks an
 * order shipped when shipping says so.
 */
public final class Orders {
  /** The orders service's schema and catalogue. */
  public static final String SCHEMA =
      """
      CREATE TABLE products (id TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL);
      INSERT INTO products VALUES
        ('BOOK-1', 'Domain-Driven Design', 4500),
        ('MUG-2', 'Checkpoint mug', 1200),
        ('LAMP-9', 'Desk lamp', 3900);
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        product_id TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        total_cents INTEGER NOT NULL,
        status TEXT NOT NULL,
        payment_id TEXT,
        reason TEXT,
        shipped INTEGER NOT NULL DEFAULT 0)
      """;

  private final Database database;
  private final PricingService pricing;
  private final HttpClient http;
  private final URI payments;
  private final long surchargeCents;

  /**
   * Creates the service.
   *
   * @param database the orders database
   * @param pricing the (recorded) pricing
   * @param http a (recording) HTTP client
   * @param paymentsUrl the payments service's base URL
   * @param surchargeCents added to the amount payments is asked to authorise, not to the order's
   *     total: the demo's switch that changes the body of orders' call to payments
   */
  public Orders(
      Database database,
      PricingService pricing,
      HttpClient http,
      String paymentsUrl,
      long surchargeCents) {
    this.database = database;
    this.pricing = pricing;
    this.http = http;
    this.payments = URI.create(paymentsUrl + "/payments");
    this.surchargeCents = surchargeCents;
  }

  /**
   * Places an order: 201 with the paid order, 402 when the card is declined, 404 for an unknown
   * product, 400 for a bad request.
   *
   * @param order the order
   * @return the answer
   */
  public Reply place(OrderRequest order) throws SQLException, IOException, InterruptedException {
    if (order.productId() == null || order.quantity() < 1 || order.cardNumber() == null) {
      return Reply.error(
          400, "bad_request", "An order needs productId, a quantity of 1 or more and cardNumber.");
    }
    Quote quote;
    try {
      quote = pricing.price(order.productId(), order.quantity());
    } catch (UnknownProductException e) {
      return Reply.error(404, "unknown_product", e.getMessage());
    }
    String orderId = CheckpointIds.randomUUID().toString();
    database.update(
        "INSERT INTO orders (id, product_id, quantity, total_cents, status)"
            + " VALUES (?, ?, ?, ?, 'PENDING')",
        orderId,
        quote.productId(),
        quote.quantity(),
        quote.totalCents());
    HttpResponse<String> paid =
        http.send(
            HttpRequest.newBuilder(payments)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        Json.bytes(
                            new PaymentRequest(
                                orderId, quote.totalCents() + surchargeCents, order.cardNumber()))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode answer = Json.MAPPER.readTree(paid.body());
    if (paid.statusCode() == 201) {
      String paymentId = answer.path("paymentId").asText();
      database.update(
          "UPDATE orders SET status = 'PAID', payment_id = ? WHERE id = ?", paymentId, orderId);
      // Built from what was stored rather than read back: shipping may already have marked the
      // order shipped (its event races this answer), and the answer must not depend on who won.
      return Reply.created(
          json(
              Map.of(
                  "id",
                  orderId,
                  "product_id",
                  quote.productId(),
                  "quantity",
                  quote.quantity(),
                  "total_cents",
                  quote.totalCents(),
                  "status",
                  "PAID",
                  "payment_id",
                  paymentId)));
    }
    if (paid.statusCode() == 402) {
      String reason = answer.path("detail").asText();
      database.update(
          "UPDATE orders SET status = 'DECLINED', reason = ? WHERE id = ?", reason, orderId);
      return new Reply(402, Json.error("payment_declined", reason).put("orderId", orderId));
    }
    return Reply.error(
        502, "payments_failed", "payments answered " + paid.statusCode() + ": " + paid.body());
  }

  /**
   * Marks an order shipped: shipping has created its shipment. Its own column, so that the mark and
   * the payment's outcome, written in either order, never overwrite each other.
   *
   * @param orderId the order
   * @return whether there is such an order
   */
  public boolean markShipped(String orderId) throws SQLException {
    return database.update("UPDATE orders SET shipped = 1 WHERE id = ?", orderId) == 1;
  }

  /**
   * An order.
   *
   * @param orderId its id
   * @return the order, or empty when there is none
   */
  public Optional<ObjectNode> find(String orderId) throws SQLException {
    return database
        .queryOne(
            "SELECT id, product_id, quantity, total_cents, status, payment_id, reason, shipped"
                + " FROM orders WHERE id = ?",
            orderId)
        .map(Orders::json);
  }

  private static ObjectNode json(Map<String, Object> row) {
    ObjectNode order = Json.MAPPER.createObjectNode();
    order.put("id", (String) row.get("id"));
    order.put("productId", (String) row.get("product_id"));
    order.put("quantity", ((Number) row.get("quantity")).intValue());
    order.put("totalCents", ((Number) row.get("total_cents")).longValue());
    order.put("status", (String) row.get("status"));
    if (row.get("payment_id") instanceof String paymentId) {
      order.put("paymentId", paymentId);
    }
    if (row.get("reason") instanceof String reason) {
      order.put("reason", reason);
    }
    if (row.get("shipped") instanceof Number shipped) {
      order.put("shipped", shipped.intValue() == 1);
    }
    return order;
  }
}
