package dev.checkpoint.demo.internal.orders;

/**
 * The price of an order line.
 *
 * @param productId the product
 * @param name its name
 * @param unitCents the price of one
 * @param quantity how many
 * @param totalCents what the order costs
 */
public record Quote(String productId, String name, long unitCents, int quantity, long totalCents) {}
