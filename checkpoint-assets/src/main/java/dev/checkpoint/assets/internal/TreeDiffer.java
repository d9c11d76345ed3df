package dev.checkpoint.assets.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.CheckpointChange;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.NoisyValue;
import dev.checkpoint.assets.TreeDiff;
import dev.checkpoint.assets.ValueChange;
import dev.checkpoint.assets.ValueDiff;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The structural diff of checkpoint trees.
 *
 * <p>Siblings are aligned like array elements: checkpoints with the same service, kind, name and
 * fields anchor the alignment; between anchors, checkpoints with the same service, kind and name
 * are paired and compared field by field. So a new call does not shift the ordinals of the calls
 * after it into a cascade of changes. Unpaired checkpoints are additions and removals, and an
 * addition identical to a removal elsewhere is a move.
 *
 * <p>Checkpoints are compared normalised: noise marked on either side is equal whatever its values
 * ({@link NoiseMarks#normalised}).
 */
public final class TreeDiffer {

  private final Ignores ignores;
  private final Function<CheckpointNode, JsonNode> fields;

  /* fields reads a checkpoint's recorded fields without copying them; nothing here modifies them. */
  public TreeDiffer(Ignores ignores, Function<CheckpointNode, JsonNode> fields) {
    this.ignores = ignores;
    this.fields = fields;
  }

  public ValueDiff diff(JsonNode expected, JsonNode actual) {
    List<ValueChange> changes = new ArrayList<>();
    ValueDiffer.diff("", ignores.strip(expected), ignores.strip(actual), changes);
    return new ValueDiff(changes);
  }

  public ValueDiff diff(NoisyValue expected, NoisyValue actual) {
    return diff(expected.normalisedFor(actual), actual.normalisedFor(expected));
  }

  public TreeDiff diff(List<CheckpointNode> expected, List<CheckpointNode> actual) {
    List<Slot> slots = new ArrayList<>();
    walk(prepare(expected), prepare(actual), slots);
    return new TreeDiff(withMoves(slots));
  }

  /** A checkpoint with what the comparison needs computed once. */
  private static final class Node {
    final CheckpointNode checkpoint;
    final JsonNode recorded;
    final String identity;
    final JsonNode compared;
    final int signature;
    final List<Node> children;

    Node(CheckpointNode checkpoint, JsonNode recorded, JsonNode compared, List<Node> children) {
      this.checkpoint = checkpoint;
      this.recorded = recorded;
      this.identity =
          checkpoint.service() + '\u0000' + checkpoint.kind() + '\u0000' + checkpoint.name();
      this.compared = compared;
      this.signature = 31 * identity.hashCode() + Json.hash(compared);
      this.children = children;
    }

    boolean sameAs(Node other) {
      return signature == other.signature
          && identity.equals(other.identity)
          && Json.equivalent(compared, other.compared);
    }
  }

  /** One entry of the result; the nodes of additions and removals are kept to find moves. */
  private record Slot(CheckpointChange change, Node node) {}

  private List<Node> prepare(List<CheckpointNode> checkpoints) {
    List<Node> nodes = new ArrayList<>(checkpoints.size());
    for (CheckpointNode checkpoint : checkpoints) {
      // Service, kind and name are part of the identity: equal whenever fields are compared.
      JsonNode recorded = fields.apply(checkpoint);
      JsonNode compared =
          ignores.strip(NoiseMarks.normalised(recorded, checkpoint.noise(), Map.of()));
      nodes.add(new Node(checkpoint, recorded, compared, prepare(checkpoint.children())));
    }
    return nodes;
  }

  private void walk(List<Node> expected, List<Node> actual, List<Slot> out) {
    List<int[]> pairs =
        Alignment.align(
            expected.size(),
            actual.size(),
            (i, j) -> expected.get(i).sameAs(actual.get(j)),
            (i, j) -> expected.get(i).identity.equals(actual.get(j).identity));
    int i = 0;
    int j = 0;
    for (int[] pair : pairs) {
      for (; i < pair[0]; i++) {
        removed(expected.get(i), out);
      }
      for (; j < pair[1]; j++) {
        added(actual.get(j), out);
      }
      compare(expected.get(i++), actual.get(j++), out);
    }
    for (; i < expected.size(); i++) {
      removed(expected.get(i), out);
    }
    for (; j < actual.size(); j++) {
      added(actual.get(j), out);
    }
  }

  private static void removed(Node node, List<Slot> out) {
    out.add(new Slot(new CheckpointChange.Removed(node.checkpoint), node));
  }

  private static void added(Node node, List<Slot> out) {
    out.add(new Slot(new CheckpointChange.Added(node.checkpoint), node));
  }

  private void compare(Node expected, Node actual, List<Slot> out) {
    if (!expected.sameAs(actual)) {
      List<ValueChange> changes = new ArrayList<>();
      ValueDiffer.diff("", pairView(expected, actual), pairView(actual, expected), changes);
      if (!changes.isEmpty()) {
        out.add(
            new Slot(
                new CheckpointChange.Changed(
                    expected.checkpoint.key(), actual.checkpoint.key(), changes),
                null));
      }
    }
    walk(expected.children, actual.children, out);
  }

  /* The compared fields, with the noise only the other side marks taken out as well. */
  private JsonNode pairView(Node node, Node other) {
    Map<String, String> own = node.checkpoint.noise();
    Map<String, String> others = other.checkpoint.noise();
    return own.equals(others)
        ? node.compared
        : ignores.strip(NoiseMarks.normalised(node.recorded, own, others));
  }

  private List<CheckpointChange> withMoves(List<Slot> slots) {
    Map<Integer, Deque<Integer>> removals = new HashMap<>();
    for (int i = 0; i < slots.size(); i++) {
      if (slots.get(i).change instanceof CheckpointChange.Removed) {
        removals.computeIfAbsent(slots.get(i).node.signature, s -> new ArrayDeque<>()).add(i);
      }
    }
    if (removals.isEmpty()) {
      return slots.stream().map(Slot::change).toList();
    }
    CheckpointChange[] changes = new CheckpointChange[slots.size()];
    boolean[] movedAway = new boolean[slots.size()];
    Map<Integer, List<Slot>> below = new HashMap<>();
    for (int i = 0; i < slots.size(); i++) {
      Slot slot = slots.get(i);
      changes[i] = slot.change;
      if (slot.change instanceof CheckpointChange.Added) {
        Integer removal = takeRemoval(removals.get(slot.node.signature), slots, slot.node);
        if (removal != null) {
          Node from = slots.get(removal).node;
          changes[i] =
              new CheckpointChange.Moved(from.checkpoint.key(), slot.node.checkpoint.key());
          movedAway[removal] = true;
          List<Slot> children = new ArrayList<>();
          walk(from.children, slot.node.children, children);
          below.put(i, children);
        }
      }
    }
    List<CheckpointChange> result = new ArrayList<>(slots.size());
    for (int i = 0; i < slots.size(); i++) {
      if (!movedAway[i]) {
        result.add(changes[i]);
      }
      for (Slot child : below.getOrDefault(i, List.of())) {
        result.add(child.change);
      }
    }
    return result;
  }

  private static Integer takeRemoval(Deque<Integer> candidates, List<Slot> slots, Node added) {
    if (candidates == null) {
      return null;
    }
    for (Iterator<Integer> it = candidates.iterator(); it.hasNext(); ) {
      Integer index = it.next();
      if (slots.get(index).node.sameAs(added)) {
        it.remove();
        return index;
      }
    }
    return null;
  }
}
