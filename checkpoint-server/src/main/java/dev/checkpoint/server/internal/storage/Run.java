package dev.checkpoint.server.internal.storage;

/**
 * A recording session.
 *
 * @param labels JSON object text, e.g. {@code {"branch":"main"}}
 * @param startedAtMillis Unix milliseconds
 * @param closedAtMillis Unix milliseconds, null while the run is open
 */
public record Run(
    String id,
    String name,
    String scenario,
    String labels,
    long startedAtMillis,
    Long closedAtMillis) {}
