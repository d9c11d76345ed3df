package dev.checkpoint.server.internal.storage;

/**
 * The checkpoints of one trace that share a service, kind and name, counted: what a list of trees
 * shows of each tree (its services, checkpoints per kind, component names), read without touching
 * the payload columns.
 *
 * @param count at least 1
 */
public record CheckpointGroup(
    String traceId, String service, String kind, String name, int count) {}
