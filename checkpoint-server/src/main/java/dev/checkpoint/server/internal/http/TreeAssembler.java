package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.CheckpointTrees.Placed;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointOutline;
import dev.checkpoint.server.internal.storage.WireCheckpoints;
import dev.checkpoint.server.internal.trees.TreeReads;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JSON of one trace, linked by the assets' tree builder. Checkpoints arrive in any order and
 * from several services, so the tree is built when it is read: a checkpoint whose parent has not
 * arrived (yet) is shown as a root, flagged {@code "orphan": true}, rather than hidden.
 */
final class TreeAssembler {
  private TreeAssembler() {}

  /**
   * The tree nested by parent, each checkpoint with everything recorded; refused when deeper than
   * the read limits allow nested.
   */
  static ObjectNode nested(String traceId, List<Checkpoint> checkpoints, TreeReads reads) {
    List<Placed<Checkpoint>> walk = walk(checkpoints, Checkpoint::outline);
    reads.checkDepth(traceId, TreeReads.depth(walk));
    ObjectNode tree = header(traceId, checkpoints.stream().map(Checkpoint::outline).toList());
    ArrayNode roots = tree.putArray("roots");
    List<ArrayNode> children = new ArrayList<>(walk.size());
    for (Placed<Checkpoint> placed : walk) {
      ObjectNode node = WireCheckpoints.full(placed.link().checkpoint());
      if (placed.link().orphan()) {
        node.put("orphan", true);
      }
      (placed.parent() < 0 ? roots : children.get(placed.parent())).add(node);
      children.add(node.putArray("children"));
    }
    return tree;
  }

  /** The tree as a flat list in depth-first order, each checkpoint with everything recorded. */
  static ObjectNode flat(String traceId, List<Checkpoint> checkpoints) {
    ObjectNode tree = header(traceId, checkpoints.stream().map(Checkpoint::outline).toList());
    ArrayNode list = tree.putArray("checkpoints");
    for (Placed<Checkpoint> placed : walk(checkpoints, Checkpoint::outline)) {
      list.add(WireCheckpoints.full(placed.link().checkpoint()));
    }
    return tree;
  }

  /** The tree's shape without payloads: flat, depth-first, each with its depth. */
  static ObjectNode outline(String traceId, List<CheckpointOutline> checkpoints) {
    ObjectNode tree = header(traceId, checkpoints);
    ArrayNode list = tree.putArray("checkpoints");
    for (Placed<CheckpointOutline> placed : walk(checkpoints, Function.identity())) {
      ObjectNode node = Views.outline(placed.link().checkpoint());
      node.put("depth", placed.depth());
      if (placed.link().orphan()) {
        node.put("orphan", true);
      }
      list.add(node);
    }
    return tree;
  }

  private static <T> List<Placed<T>> walk(
      List<T> checkpoints, Function<T, CheckpointOutline> outline) {
    return CheckpointTrees.preOrder(
        CheckpointTrees.link(checkpoints, checkpoint -> outline.apply(checkpoint).identity()));
  }

  private static ObjectNode header(String traceId, List<CheckpointOutline> checkpoints) {
    ObjectNode tree = Json.MAPPER.createObjectNode();
    tree.put("traceId", traceId);
    tree.put("checkpointCount", checkpoints.size());
    ArrayNode services = tree.putArray("services");
    new TreeSet<>(checkpoints.stream().map(CheckpointOutline::service).toList())
        .forEach(services::add);
    tree.put(
        "startTimeUnixNano",
        Long.toString(
            checkpoints.stream().mapToLong(CheckpointOutline::startNanos).min().orElse(0)));
    tree.put(
        "endTimeUnixNano",
        Long.toString(checkpoints.stream().mapToLong(CheckpointOutline::endNanos).max().orElse(0)));
    return tree;
  }
}
