package dev.checkpoint.server.internal.storage;

/**
 * A run's first trees counted together, for the list of runs.
 *
 * @param trees the trees counted, at most the number asked for
 * @param startNanos the earliest start among them; {@code Long.MAX_VALUE} when there are none
 * @param endNanos the latest end among them; {@code Long.MIN_VALUE} when there are none
 */
public record RunTotals(int trees, int checkpoints, int errors, long startNanos, long endNanos) {}
