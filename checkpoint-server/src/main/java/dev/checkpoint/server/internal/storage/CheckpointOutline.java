package dev.checkpoint.server.internal.storage;

import dev.checkpoint.assets.CheckpointTrees;

/**
 * A checkpoint without its payloads (input, output, attributes, error): what a tree's shape, a
 * layout or a list needs, read without touching the payload columns.
 *
 * @param startNanos Unix nanoseconds
 * @param endNanos Unix nanoseconds, never before {@code startNanos}
 * @param failed whether it recorded an error
 */
public record CheckpointOutline(
    String traceId,
    String id,
    String parentId,
    String runId,
    String service,
    String kind,
    String name,
    long startNanos,
    long endNanos,
    boolean failed) {

  /** What the tree builder needs to link it. */
  public CheckpointTrees.Identity identity() {
    return new CheckpointTrees.Identity(traceId, id, parentId, service, kind, name, startNanos);
  }
}
