package dev.checkpoint.demo.internal.shipping;

/**
 * A planned shipment.
 *
 * @param orderId the order shipped
 * @param carrier who carries it
 * @param etaDays days until delivery
 * @param status {@code SCHEDULED}
 */
public record Shipment(String orderId, String carrier, int etaDays, String status) {}
