package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.CheckpointTrees.Placed;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointOutline;
import dev.checkpoint.server.internal.storage.WireCheckpoints;
import dev.checkpoint.server.internal.trees.TreeReads;
import java.io.IOException;
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
   * the read limits allow nested. Written straight to JSON: the walk is depth first, so a
   * checkpoint's children follow it and its subtree ends where the walk comes back to its depth.
   */
  static Json.Writer nested(String traceId, List<Checkpoint> checkpoints, TreeReads reads) {
    List<Placed<Checkpoint>> walk = walk(checkpoints, Checkpoint::outline);
    reads.checkDepth(traceId, TreeReads.depth(walk));
    return json -> {
      json.writeStartObject();
      header(json, traceId, checkpoints.stream().map(Checkpoint::outline).toList());
      json.writeArrayFieldStart("roots");
      int open = 0;
      for (Placed<Checkpoint> placed : walk) {
        for (; open > placed.depth(); open--) {
          closeNode(json);
        }
        json.writeStartObject();
        WireCheckpoints.writeFull(json, placed.link().checkpoint());
        if (placed.link().orphan()) {
          json.writeBooleanField("orphan", true);
        }
        json.writeArrayFieldStart("children");
        open++;
      }
      for (; open > 0; open--) {
        closeNode(json);
      }
      json.writeEndArray();
      json.writeEndObject();
    };
  }

  private static void closeNode(JsonGenerator json) throws IOException {
    json.writeEndArray();
    json.writeEndObject();
  }

  /** The tree as a flat list in depth-first order, each checkpoint with everything recorded. */
  static Json.Writer flat(String traceId, List<Checkpoint> checkpoints) {
    return json -> {
      json.writeStartObject();
      header(json, traceId, checkpoints.stream().map(Checkpoint::outline).toList());
      json.writeArrayFieldStart("checkpoints");
      for (Placed<Checkpoint> placed : walk(checkpoints, Checkpoint::outline)) {
        json.writeStartObject();
        WireCheckpoints.writeFull(json, placed.link().checkpoint());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    };
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

  private static void header(
      JsonGenerator json, String traceId, List<CheckpointOutline> checkpoints) throws IOException {
    ObjectNode header = header(traceId, checkpoints);
    for (var field : header.properties()) {
      json.writeFieldName(field.getKey());
      json.writeTree(field.getValue());
    }
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
