package dev.checkpoint.demo.internal.payments;

/**
 * What orders asks payments to authorise. The card number is redacted in every checkpoint by the
 * built-in {@code cardnumber} rule.
 *
 * @param orderId the order
 * @param amountCents the amount
 * @param cardNumber the card
 */
public record PaymentRequest(String orderId, long amountCents, String cardNumber) {}
