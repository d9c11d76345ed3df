/**
 * The part of the core's internals that the instrumentation modules share. Not a promise to users;
 * may change in any release. Everything else under {@code dev.checkpoint.core.internal} stays
 * inside the core.
 */
package dev.checkpoint.core.internal.instrumentation;
