package dev.checkpoint.server.internal.storage;

/**
 * A recording session.
 *
 * @param labels JSON object text, e.g. {@code {"branch":"main"}}
 * @param startedAtMillis Unix milliseconds
 * @param closedAtMillis Unix milliseconds, null while the run is open
 * @param noise the noise rules the run was compared with, JSON object text, or null for the
 *     defaults
 */
public record Run(
    String id,
    String name,
    String scenario,
    String labels,
    long startedAtMillis,
    Long closedAtMillis,
    String noise) {}
