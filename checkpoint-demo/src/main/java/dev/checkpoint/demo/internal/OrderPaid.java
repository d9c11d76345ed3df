package dev.checkpoint.demo.internal;

/**
 * The message payments sends to shipping once an order is paid ({@code order.paid}).
 *
 * @param orderId the order
 * @param paymentId the payment
 * @param amountCents what was paid
 */
public record OrderPaid(String orderId, String paymentId, long amountCents) {}
