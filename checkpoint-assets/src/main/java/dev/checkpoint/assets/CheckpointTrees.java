package dev.checkpoint.assets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds checkpoint trees from recorded checkpoints and finds checkpoints in them.
 *
 * <p>{@link #assemble} takes checkpoints in the wire format (objects with {@code id}, {@code
 * traceId}, {@code parentId}, {@code service}, {@code kind}, {@code name}, {@code
 * startTimeUnixNano}, {@code input}, {@code output}, ...) in any order, from any number of trees,
 * and links every checkpoint to its parent (same {@code traceId}, {@code id} equal to its {@code
 * parentId}). Nothing is lost: a checkpoint whose parent is not among the input (an orphan, such as
 * a call whose caller was not recording) becomes a root, and so does the earliest checkpoint of a
 * parent cycle in corrupt data.
 *
 * <p>Siblings, and the roots, are ordered by {@code startTimeUnixNano} (checkpoints without a
 * readable start time last), ties broken by kind, name, service, id and trace id, so that the same
 * input in any order gives the same trees with the same {@linkplain CheckpointKey keys}. When the
 * same id appears twice in a trace (a retried export), both are kept and children attach to the
 * first in that order.
 */
public final class CheckpointTrees {

  private static final Comparator<Entry> START_ORDER =
      Comparator.comparingLong((Entry e) -> e.start)
          .thenComparing(e -> e.kind)
          .thenComparing(e -> e.name)
          .thenComparing(e -> e.service)
          .thenComparing(e -> e.id, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(e -> e.traceId)
          .thenComparingInt(e -> e.index);

  private CheckpointTrees() {}

  /**
   * Links recorded checkpoints into trees.
   *
   * @param checkpoints wire-format checkpoints, in any order
   * @return the roots in start order, each with its descendants
   * @throws IllegalArgumentException when a checkpoint is not an object or lacks a {@code service},
   *     {@code kind} or {@code name} string; the message names the checkpoint
   */
  public static List<CheckpointNode> assemble(Collection<? extends JsonNode> checkpoints) {
    Objects.requireNonNull(checkpoints, "checkpoints");
    List<Entry> entries = new ArrayList<>(checkpoints.size());
    for (JsonNode checkpoint : checkpoints) {
      entries.add(new Entry(entries.size(), checkpoint));
    }
    entries.sort(START_ORDER);

    Map<String, Entry> byId = new HashMap<>();
    for (Entry entry : entries) {
      if (entry.id != null) {
        byId.putIfAbsent(entry.traceId + '/' + entry.id, entry);
      }
    }
    List<Entry> roots = new ArrayList<>();
    for (Entry entry : entries) {
      Entry parent = entry.parentId == null ? null : byId.get(entry.traceId + '/' + entry.parentId);
      if (parent == null || parent == entry) {
        roots.add(entry);
      } else {
        entry.parent = parent;
        parent.children.add(entry);
      }
    }
    breakCycles(entries, roots);

    List<CheckpointNode> nodes = new ArrayList<>(roots.size());
    Map<String, Integer> ordinals = new HashMap<>();
    for (Entry root : roots) {
      int ordinal = ordinals.merge(root.identity(), 1, Integer::sum) - 1;
      nodes.add(build(root, ordinal));
    }
    return List.copyOf(nodes);
  }

  /*
   * Corrupt input can link checkpoints into a cycle that no root reaches. The earliest
   * checkpoint of each unreached group becomes a root, so nothing disappears.
   */
  private static void breakCycles(List<Entry> entries, List<Entry> roots) {
    Set<Entry> reached = new HashSet<>();
    markSubtrees(roots, reached);
    if (reached.size() == entries.size()) {
      return;
    }
    for (Entry entry : entries) {
      if (!reached.contains(entry)) {
        entry.parent.children.remove(entry);
        entry.parent = null;
        roots.add(entry);
        markSubtrees(List.of(entry), reached);
      }
    }
    roots.sort(START_ORDER);
  }

  private static void markSubtrees(List<Entry> from, Set<Entry> reached) {
    List<Entry> stack = new ArrayList<>(from);
    while (!stack.isEmpty()) {
      Entry entry = stack.remove(stack.size() - 1);
      if (reached.add(entry)) {
        stack.addAll(entry.children);
      }
    }
  }

  /* Iterative, so that a degenerate chain of thousands of calls cannot overflow the stack. */
  private static CheckpointNode build(Entry root, int rootOrdinal) {
    root.key = CheckpointKey.of(segment(root, rootOrdinal));
    List<Entry> preOrder = new ArrayList<>();
    List<Entry> stack = new ArrayList<>(List.of(root));
    while (!stack.isEmpty()) {
      Entry entry = stack.remove(stack.size() - 1);
      preOrder.add(entry);
      Map<String, Integer> ordinals = new HashMap<>();
      for (Entry child : entry.children) {
        int ordinal = ordinals.merge(child.identity(), 1, Integer::sum) - 1;
        child.key = entry.key.child(segment(child, ordinal));
      }
      for (int i = entry.children.size() - 1; i >= 0; i--) {
        stack.add(entry.children.get(i));
      }
    }
    for (int i = preOrder.size() - 1; i >= 0; i--) {
      Entry entry = preOrder.get(i);
      List<CheckpointNode> children = new ArrayList<>(entry.children.size());
      for (Entry child : entry.children) {
        children.add(child.node);
      }
      entry.node = CheckpointNode.assembled(entry.key, entry.id, entry.wire, children);
    }
    return root.node;
  }

  private static CheckpointKey.Segment segment(Entry entry, int ordinal) {
    return new CheckpointKey.Segment(entry.service, entry.kind, entry.name, ordinal);
  }

  /** A recorded checkpoint while its tree is being linked. */
  private static final class Entry {
    final int index;
    final JsonNode wire;
    final String id;
    final String traceId;
    final String parentId;
    final String service;
    final String kind;
    final String name;
    final long start;
    final List<Entry> children = new ArrayList<>();
    Entry parent;
    CheckpointKey key;
    CheckpointNode node;

    Entry(int index, JsonNode wire) {
      this.index = index;
      this.wire = wire;
      if (wire == null || !wire.isObject()) {
        throw new IllegalArgumentException(
            "Checkpoint #" + index + " is not a JSON object but " + wire + ".");
      }
      this.id = optionalText(wire, "id");
      this.traceId = Objects.requireNonNullElse(optionalText(wire, "traceId"), "");
      this.parentId = optionalText(wire, "parentId");
      this.service = requiredText(index, wire, "service");
      this.kind = requiredText(index, wire, "kind");
      this.name = requiredText(index, wire, "name");
      this.start = startTime(wire);
    }

    String identity() {
      return service + '\u0000' + kind + '\u0000' + name;
    }

    private static String optionalText(JsonNode wire, String field) {
      JsonNode value = wire.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }

    private static String requiredText(int index, JsonNode wire, String field) {
      JsonNode value = wire.get(field);
      if (value == null || !value.isTextual()) {
        throw new IllegalArgumentException(
            "Checkpoint #"
                + index
                + (wire.hasNonNull("id") ? " (id " + wire.get("id") + ")" : "")
                + " has "
                + (value == null ? "no '" + field + "'" : "'" + field + "' " + value)
                + ". Every recorded checkpoint needs 'service', 'kind' and 'name' strings, as in"
                + " the checkpoint wire format.");
      }
      return value.textValue();
    }

    private static long startTime(JsonNode wire) {
      JsonNode value = wire.path("startTimeUnixNano");
      if (value.isIntegralNumber() && value.canConvertToLong()) {
        return value.longValue();
      }
      if (value.isTextual()) {
        try {
          return Long.parseLong(value.textValue());
        } catch (NumberFormatException e) {
          return Long.MAX_VALUE;
        }
      }
      return Long.MAX_VALUE;
    }
  }

  /**
   * The recorded calls of one component: every checkpoint with the given name, in the order of a
   * depth-first walk of the trees. A call nested in another call of the same name is part of the
   * outer call's subtree and is not listed again.
   *
   * @param roots the trees to search
   * @param name the checkpoint name, such as {@code PaymentService.authorize}
   * @return the matching checkpoints with their subtrees
   */
  public static List<CheckpointNode> calls(List<CheckpointNode> roots, String name) {
    Objects.requireNonNull(roots, "roots");
    Objects.requireNonNull(name, "name");
    List<CheckpointNode> found = new ArrayList<>();
    List<CheckpointNode> stack = new ArrayList<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.add(roots.get(i));
    }
    while (!stack.isEmpty()) {
      CheckpointNode node = stack.remove(stack.size() - 1);
      if (node.name().equals(name)) {
        found.add(node);
      } else {
        for (int i = node.children().size() - 1; i >= 0; i--) {
          stack.add(node.children().get(i));
        }
      }
    }
    return List.copyOf(found);
  }

  /**
   * Finds a checkpoint by key.
   *
   * @param roots the trees to search
   * @param key the key
   * @return the checkpoint with that key, if any
   */
  public static Optional<CheckpointNode> find(List<CheckpointNode> roots, CheckpointKey key) {
    Objects.requireNonNull(roots, "roots");
    Objects.requireNonNull(key, "key");
    List<CheckpointNode> level = roots;
    while (true) {
      CheckpointNode ancestor = null;
      for (CheckpointNode node : level) {
        List<CheckpointKey.Segment> path = node.key().segments();
        if (node.key().equals(key)) {
          return Optional.of(node);
        }
        if (path.size() < key.segments().size()
            && key.segments().subList(0, path.size()).equals(path)) {
          ancestor = node;
          break;
        }
      }
      if (ancestor == null) {
        return Optional.empty();
      }
      level = ancestor.children();
    }
  }
}
