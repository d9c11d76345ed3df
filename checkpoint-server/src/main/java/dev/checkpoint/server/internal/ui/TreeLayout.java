package dev.checkpoint.server.internal.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.CheckpointTrees.Placed;
import dev.checkpoint.server.internal.storage.CheckpointOutline;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The checkpoints of one tree in the order the tree page draws them: the assets' tree builder's
 * depth-first walk, each with its depth and its parent's position, and no payloads, so that even a
 * tree of 10,000 checkpoints is small enough to send with the page. A checkpoint whose parent has
 * not arrived is drawn as a root.
 *
 * <p>Each node is {@code {"p": parent position or -1, "d": depth, "id", "s": service position, "k":
 * kind, "n": name, "t": start after the tree's start, "u": duration, "e": 1 when it failed, "o": 1
 * when its parent is missing}}, times in nanoseconds.
 */
final class TreeLayout {
  private TreeLayout() {}

  static ObjectNode of(List<CheckpointOutline> checkpoints) {
    long start = checkpoints.stream().mapToLong(CheckpointOutline::startNanos).min().orElse(0);
    List<String> services =
        new ArrayList<>(
            new TreeSet<>(checkpoints.stream().map(CheckpointOutline::service).toList()));

    ObjectNode layout = Payloads.MAPPER.createObjectNode();
    layout.put("start", Long.toString(start));
    layout.put(
        "span",
        checkpoints.stream().mapToLong(CheckpointOutline::endNanos).max().orElse(start) - start);
    ArrayNode serviceArray = layout.putArray("services");
    services.forEach(serviceArray::add);
    ArrayNode nodes = layout.putArray("nodes");
    for (Placed<CheckpointOutline> placed :
        CheckpointTrees.preOrder(CheckpointTrees.link(checkpoints, CheckpointOutline::identity))) {
      CheckpointOutline checkpoint = placed.link().checkpoint();
      ObjectNode node = nodes.addObject();
      node.put("p", placed.parent());
      node.put("d", placed.depth());
      node.put("id", checkpoint.id());
      node.put("s", services.indexOf(checkpoint.service()));
      node.put("k", checkpoint.kind());
      node.put("n", checkpoint.name());
      node.put("t", checkpoint.startNanos() - start);
      node.put("u", checkpoint.endNanos() - checkpoint.startNanos());
      if (checkpoint.failed()) {
        node.put("e", 1);
      }
      if (placed.link().orphan()) {
        node.put("o", 1);
      }
    }
    return layout;
  }
}
