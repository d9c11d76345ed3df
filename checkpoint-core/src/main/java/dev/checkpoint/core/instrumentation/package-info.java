/**
 * What instrumentation modules share beside the {@link dev.checkpoint.core.Instrumenter} they
 * record through: the log of their own failures and the recorded shape of message bodies. For
 * instrumentation authors; applications use {@code dev.checkpoint.Checkpoints}.
 */
package dev.checkpoint.core.instrumentation;
