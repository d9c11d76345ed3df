/**
 * The recorded outbound calls of a replayed test and how an actual call is matched with one: the
 * ledger, and the views of HTTP and SQL calls that are compared.
 */
package dev.checkpoint.junit.internal.replay;
