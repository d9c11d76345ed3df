package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.internal.storage.Checkpoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nests the checkpoints of one trace by parent id. Checkpoints arrive in any order and from several
 * services, so the tree is built when it is read: a checkpoint whose parent has not arrived (yet)
 * is shown as a root, flagged {@code "orphan": true}, rather than hidden.
 */
final class TreeAssembler {
  private static final Comparator<Checkpoint> BY_START =
      Comparator.comparingLong(Checkpoint::startNanos).thenComparing(Checkpoint::id);

  private TreeAssembler() {}

  static ObjectNode assemble(String traceId, List<Checkpoint> checkpoints) {
    Map<String, Checkpoint> byId = new HashMap<>();
    Map<String, List<Checkpoint>> children = new HashMap<>();
    for (Checkpoint checkpoint : checkpoints) {
      byId.putIfAbsent(checkpoint.id(), checkpoint);
      if (checkpoint.parentId() != null) {
        children.computeIfAbsent(checkpoint.parentId(), id -> new ArrayList<>()).add(checkpoint);
      }
    }
    List<Checkpoint> roots = new ArrayList<>();
    for (Checkpoint checkpoint : checkpoints) {
      if (checkpoint.parentId() == null || !byId.containsKey(checkpoint.parentId())) {
        roots.add(checkpoint);
      }
    }
    roots.sort(BY_START);
    ObjectNode tree = Json.MAPPER.createObjectNode();
    tree.put("traceId", traceId);
    tree.put("checkpointCount", checkpoints.size());
    Set<String> services = new TreeSet<>();
    checkpoints.forEach(checkpoint -> services.add(checkpoint.service()));
    ArrayNode serviceNames = tree.putArray("services");
    services.forEach(serviceNames::add);
    tree.put(
        "startTimeUnixNano",
        Long.toString(checkpoints.stream().mapToLong(Checkpoint::startNanos).min().orElse(0)));
    tree.put(
        "endTimeUnixNano",
        Long.toString(checkpoints.stream().mapToLong(Checkpoint::endNanos).max().orElse(0)));
    ArrayNode rootNodes = tree.putArray("roots");
    Set<String> placed = new HashSet<>();
    for (Checkpoint root : roots) {
      rootNodes.add(nest(root, children, placed, root.parentId() != null));
    }
    // A parent cycle (only a broken client sends one) has no root; show its members anyway.
    List<Checkpoint> unplaced = new ArrayList<>();
    for (Checkpoint checkpoint : checkpoints) {
      if (!placed.contains(checkpoint.id())) {
        unplaced.add(checkpoint);
      }
    }
    unplaced.sort(BY_START);
    for (Checkpoint checkpoint : unplaced) {
      if (!placed.contains(checkpoint.id())) {
        rootNodes.add(nest(checkpoint, children, placed, true));
      }
    }
    return tree;
  }

  /** Iterative, so that a deep chain of calls cannot overflow the stack. */
  private static ObjectNode nest(
      Checkpoint top, Map<String, List<Checkpoint>> children, Set<String> placed, boolean orphan) {
    ObjectNode topNode = node(top, orphan);
    placed.add(top.id());
    Deque<Map.Entry<Checkpoint, ObjectNode>> pending = new ArrayDeque<>();
    pending.push(Map.entry(top, topNode));
    while (!pending.isEmpty()) {
      Map.Entry<Checkpoint, ObjectNode> entry = pending.pop();
      ArrayNode childNodes = entry.getValue().putArray("children");
      List<Checkpoint> kids =
          new ArrayList<>(children.getOrDefault(entry.getKey().id(), List.of()));
      kids.sort(BY_START);
      for (Checkpoint kid : kids) {
        if (placed.add(kid.id())) {
          ObjectNode kidNode = node(kid, false);
          childNodes.add(kidNode);
          pending.push(Map.entry(kid, kidNode));
        }
      }
    }
    return topNode;
  }

  private static ObjectNode node(Checkpoint checkpoint, boolean orphan) {
    ObjectNode node = Views.full(checkpoint);
    if (orphan) {
      node.put("orphan", true);
    }
    return node;
  }
}
