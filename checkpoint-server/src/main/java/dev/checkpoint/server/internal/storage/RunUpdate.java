package dev.checkpoint.server.internal.storage;

/**
 * Creates a run or changes an existing one; null fields leave the stored value as it is.
 *
 * @param labels JSON object text or null
 * @param noise the noise rules the run was compared with, JSON object text, or null
 * @param close whether to close the run now (a closed run stays closed)
 */
public record RunUpdate(
    String id, String name, String scenario, String labels, String noise, boolean close) {}
