/**
 * JDBC objects that answer from recorded {@code SQL} checkpoints instead of a database: behind the
 * {@link dev.checkpoint.core.replay.ReplayDataSource} the JUnit replay hands to the code under
 * test, and the connections a service in REPLAY mode gets while serving a replayed entry.
 */
package dev.checkpoint.core.internal.jdbc;
