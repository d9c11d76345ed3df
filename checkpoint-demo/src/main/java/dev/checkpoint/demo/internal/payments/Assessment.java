package dev.checkpoint.demo.internal.payments;

/**
 * The fraud check's verdict.
 *
 * @param approved whether the payment may go ahead
 * @param risk {@code low} or {@code high}
 * @param reason why it was declined, or {@code null}
 */
public record Assessment(boolean approved, String risk, String reason) {}
