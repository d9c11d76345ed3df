package dev.checkpoint.server.internal.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.internal.storage.Checkpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checkpoints of one tree in the order the tree page draws them: depth first, siblings by start
 * time, each with its depth and its parent's position, and no payloads, so that even a tree of
 * 10,000 checkpoints is small enough to send with the page. A checkpoint whose parent has not
 * arrived is drawn as a root.
 *
 * <p>Each node is {@code {"p": parent position or -1, "d": depth, "id", "s": service position, "k":
 * kind, "n": name, "t": start after the tree's start, "u": duration, "e": 1 when it failed, "o": 1
 * when its parent is missing}}, times in nanoseconds.
 */
final class TreeLayout {
  private static final Comparator<Checkpoint> BY_START =
      Comparator.comparingLong(Checkpoint::startNanos).thenComparing(Checkpoint::id);

  private TreeLayout() {}

  static ObjectNode of(List<Checkpoint> checkpoints) {
    Map<String, Checkpoint> byId = new HashMap<>();
    Map<String, List<Checkpoint>> children = new HashMap<>();
    for (Checkpoint checkpoint : checkpoints) {
      byId.putIfAbsent(checkpoint.id(), checkpoint);
    }
    List<Checkpoint> roots = new ArrayList<>();
    for (Checkpoint checkpoint : checkpoints) {
      if (checkpoint.parentId() != null && byId.containsKey(checkpoint.parentId())) {
        children.computeIfAbsent(checkpoint.parentId(), id -> new ArrayList<>()).add(checkpoint);
      } else {
        roots.add(checkpoint);
      }
    }
    children.values().forEach(list -> list.sort(BY_START));
    roots.sort(BY_START);
    // Members of a parent cycle (only a broken client sends one) are reached from no root.
    List<Checkpoint> unreached = new ArrayList<>(checkpoints);
    unreached.sort(BY_START);

    long start = checkpoints.stream().mapToLong(Checkpoint::startNanos).min().orElse(0);
    Set<String> serviceNames = new TreeSet<>();
    checkpoints.forEach(checkpoint -> serviceNames.add(checkpoint.service()));
    List<String> services = List.copyOf(serviceNames);

    ObjectNode layout = Payloads.MAPPER.createObjectNode();
    layout.put("start", Long.toString(start));
    layout.put(
        "span", checkpoints.stream().mapToLong(Checkpoint::endNanos).max().orElse(start) - start);
    ArrayNode serviceArray = layout.putArray("services");
    services.forEach(serviceArray::add);
    ArrayNode nodes = layout.putArray("nodes");
    Set<String> placed = new HashSet<>();
    for (Checkpoint root : roots) {
      walk(root, root.parentId() != null, children, placed, services, start, nodes);
    }
    for (Checkpoint checkpoint : unreached) {
      if (!placed.contains(checkpoint.id())) {
        walk(checkpoint, true, children, placed, services, start, nodes);
      }
    }
    return layout;
  }

  static boolean failed(Checkpoint checkpoint) {
    return checkpoint.error() != null && !"null".equals(checkpoint.error());
  }

  /** Iterative, so that a deep chain of calls cannot overflow the stack. */
  private static void walk(
      Checkpoint top,
      boolean orphan,
      Map<String, List<Checkpoint>> children,
      Set<String> placed,
      List<String> services,
      long start,
      ArrayNode nodes) {
    record Pending(Checkpoint checkpoint, int parent, int depth) {}
    List<Pending> stack = new ArrayList<>();
    stack.add(new Pending(top, -1, 0));
    placed.add(top.id());
    while (!stack.isEmpty()) {
      Pending pending = stack.remove(stack.size() - 1);
      Checkpoint checkpoint = pending.checkpoint();
      int position = nodes.size();
      ObjectNode node = nodes.addObject();
      node.put("p", pending.parent());
      node.put("d", pending.depth());
      node.put("id", checkpoint.id());
      node.put("s", services.indexOf(checkpoint.service()));
      node.put("k", checkpoint.kind());
      node.put("n", checkpoint.name());
      node.put("t", checkpoint.startNanos() - start);
      node.put("u", checkpoint.endNanos() - checkpoint.startNanos());
      if (failed(checkpoint)) {
        node.put("e", 1);
      }
      if (orphan && checkpoint == top) {
        node.put("o", 1);
      }
      List<Checkpoint> kids = children.getOrDefault(checkpoint.id(), List.of());
      for (int i = kids.size() - 1; i >= 0; i--) {
        Checkpoint kid = kids.get(i);
        if (placed.add(kid.id())) {
          stack.add(new Pending(kid, position, pending.depth() + 1));
        }
      }
    }
  }
}
