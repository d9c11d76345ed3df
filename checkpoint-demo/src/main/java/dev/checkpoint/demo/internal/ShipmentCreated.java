package dev.checkpoint.demo.internal;

/**
 * The event shipping publishes to Kafka once a shipment is stored ({@code shipment.created}), which
 * orders reads to mark the order shipped.
 *
 * @param orderId the order
 * @param carrier who carries it
 * @param etaDays days until delivery
 */
public record ShipmentCreated(String orderId, String carrier, int etaDays) {}
