package dev.checkpoint.demo.internal.payments;

import dev.checkpoint.Checkpoint;

/** Decides whether a payment may go ahead; recorded as a METHOD checkpoint. */
public interface FraudCheck {

  /**
   * Assesses a payment.
   *
   * @param payment the payment
   * @return the verdict
   */
  @Checkpoint
  Assessment assess(PaymentRequest payment);

  /**
   * The demo's rules: the test card ending in 0002 is declined by its issuer, and amounts over
   * 1000.00 are too risky.
   */
  static FraudCheck standard() {
    return payment -> {
      String card = payment.cardNumber() == null ? "" : payment.cardNumber();
      if (card.endsWith("0002")) {
        return new Assessment(false, "high", "card declined by issuer");
      }
      if (payment.amountCents() > 100_000) {
        return new Assessment(false, "high", "amount over the 1000.00 limit");
      }
      return new Assessment(true, "low", null);
    };
  }
}
