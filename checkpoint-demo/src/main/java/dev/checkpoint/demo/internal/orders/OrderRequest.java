package dev.checkpoint.demo.internal.orders;

/**
 * A customer's order: {@code POST /orders}.
 *
 * @param productId such as {@code BOOK-1}
 * @param quantity how many
 * @param cardNumber the card to pay with; redacted in every checkpoint
 */
public record OrderRequest(String productId, int quantity, String cardNumber) {}
