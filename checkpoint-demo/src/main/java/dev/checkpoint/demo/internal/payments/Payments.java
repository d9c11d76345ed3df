package dev.checkpoint.demo.internal.payments;

import dev.checkpoint.CheckpointIds;
import dev.checkpoint.demo.internal.Database;
import dev.checkpoint.demo.internal.Json;
import dev.checkpoint.demo.internal.OrderPaid;
import dev.checkpoint.demo.internal.Reply;
import java.io.IOException;
import java.sql.SQLException;

/** Authorises payments: fraud check, the payment row, and the notice to shipping. */
public final class Payments {
  /** The payments service's schema. */
  public static final String SCHEMA =
      """
      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        authorised_cents INTEGER NOT NULL,
        card_last4 TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT)
      """;

  private final Database database;
  private final FraudCheck fraudCheck;
  private final ShippingNotifier shipping;
  private final long feeCents;
  private final String idPrefix;

  /**
   * Creates the service.
   *
   * @param database the payments database
   * @param fraudCheck the (recorded) fraud check
   * @param shipping where paid orders go
   * @param feeCents added to the authorised amount: the demo's switch that changes one value deep
   *     in the tree
   * @param idPrefix put in front of the payment ids answered: the demo's switch that changes what
   *     the consumer receives
   */
  public Payments(
      Database database,
      FraudCheck fraudCheck,
      ShippingNotifier shipping,
      long feeCents,
      String idPrefix) {
    this.database = database;
    this.fraudCheck = fraudCheck;
    this.shipping = shipping;
    this.feeCents = feeCents;
    this.idPrefix = idPrefix;
  }

  /**
   * Authorises a payment: 201 with the payment, or 402 with the reason it was declined.
   *
   * @param payment the payment
   * @return the answer
   */
  public Reply authorise(PaymentRequest payment) throws SQLException, IOException {
    if (payment.amountCents() <= 0 || payment.cardNumber() == null) {
      return Reply.error(
          400, "bad_request", "A payment needs a positive amountCents and a cardNumber.");
    }
    Assessment assessment = fraudCheck.assess(payment);
    String card = payment.cardNumber();
    String paymentId = idPrefix + CheckpointIds.randomUUID();
    database.update(
        "INSERT INTO payments (id, order_id, amount_cents, authorised_cents, card_last4, status,"
            + " reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        paymentId,
        payment.orderId(),
        payment.amountCents(),
        assessment.approved() ? payment.amountCents() + feeCents : 0,
        card.substring(Math.max(0, card.length() - 4)),
        assessment.approved() ? "AUTHORISED" : "DECLINED",
        assessment.reason());
    if (!assessment.approved()) {
      return new Reply(
          402,
          Json.error("payment_declined", assessment.reason())
              .put("paymentId", paymentId)
              .put("orderId", payment.orderId()));
    }
    shipping.orderPaid(new OrderPaid(payment.orderId(), paymentId, payment.amountCents()));
    return Reply.created(
        Json.MAPPER
            .createObjectNode()
            .put("paymentId", paymentId)
            .put("orderId", payment.orderId())
            .put("amountCents", payment.amountCents())
            .put("status", "AUTHORISED"));
  }
}
