/**
 * JDBC objects that answer from recorded {@code SQL} checkpoints instead of a database: the data
 * source the JUnit replay hands to the code under test.
 */
package dev.checkpoint.junit.internal.jdbc;
