package dev.checkpoint.server.internal.storage;

/**
 * How to reach the database.
 *
 * @param user null for none
 * @param password null for none
 * @param schema PostgreSQL schema to create and use, null for the user's default
 * @param poolSize maximum connections of the (reader) pool
 * @param sqliteSynchronous SQLite {@code PRAGMA synchronous}: NORMAL survives a killed process,
 *     FULL also a power loss
 */
public record StorageSettings(
    String url,
    String user,
    String password,
    String schema,
    int poolSize,
    String sqliteSynchronous) {}
