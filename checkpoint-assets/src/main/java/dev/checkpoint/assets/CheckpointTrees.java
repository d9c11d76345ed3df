package dev.checkpoint.assets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one place where recorded checkpoints are linked into trees, and finds checkpoints in them.
 *
 * <p>{@link #link} takes checkpoints of any form (the wire format, the server's stored rows) in any
 * order, from any number of trees, and links every checkpoint to its parent (same trace id, id
 * equal to its parent id). Nothing is lost: a checkpoint whose parent is not among the input (an
 * orphan, such as a call whose caller was not recording, or whose parent has not arrived yet)
 * becomes a root, and so does the earliest checkpoint of a parent cycle in corrupt data. Linking
 * and every walk are iterative, so that a chain of any depth cannot overflow the stack.
 *
 * <p>Siblings, and the roots, are ordered by start time (checkpoints without a readable start time
 * last), ties broken by kind, name, service, id, trace id and parent id (none first), so that the
 * same input in any order gives the same trees with the same {@linkplain CheckpointKey keys}. When
 * the same id appears twice in a trace (a retried export), both are kept and children attach to the
 * first in that order.
 *
 * <p>{@link #assemble} links checkpoints in the wire format (objects with {@code id}, {@code
 * traceId}, {@code parentId}, {@code service}, {@code kind}, {@code name}, {@code
 * startTimeUnixNano}, {@code input}, {@code output}, ...) into {@link CheckpointNode}s with keys.
 */
public final class CheckpointTrees {

  /**
   * The deepest tree that is linked into {@link CheckpointNode}s, written as an asset, compared or
   * replayed. Linking and walking are iterative, but values are written and compared recursively,
   * one stack frame per level; this many levels fit a thread's default stack with room to spare.
   * The server's {@code limits.max-tree-depth} is at most this.
   */
  public static final int MAX_DEPTH = 1000;

  private static final Comparator<Link<?>> START_ORDER =
      Comparator.comparingLong((Link<?> link) -> link.identity.start())
          .thenComparing(link -> link.identity.kind())
          .thenComparing(link -> link.identity.name())
          .thenComparing(link -> link.identity.service())
          .thenComparing(
              link -> link.identity.id(), Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(link -> link.identity.traceId())
          // Two checkpoints that tie so far share an id and a trace (a retried export): which one
          // children attach to must not depend on the input order.
          .thenComparing(
              link -> link.identity.parentId(), Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingInt(link -> link.index);

  private CheckpointTrees() {}

  /**
   * What linking needs to know of a checkpoint.
   *
   * @param traceId the tree's id; {@code ""} when unknown
   * @param id the checkpoint's id, or {@code null}
   * @param parentId the parent's id, or {@code null} at a root
   * @param service the service that recorded it
   * @param kind its kind
   * @param name its name
   * @param start its start in Unix nanoseconds; {@link Long#MAX_VALUE} when unknown
   */
  public record Identity(
      String traceId,
      String id,
      String parentId,
      String service,
      String kind,
      String name,
      long start) {

    /** Checks the values. */
    public Identity {
      Objects.requireNonNull(traceId, "traceId");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
    }

    String sameNameAs() {
      return service + '\u0000' + kind + '\u0000' + name;
    }
  }

  /**
   * A checkpoint linked into its tree.
   *
   * @param <T> the form the checkpoints were given in
   */
  public static final class Link<T> {
    private final int index;
    private final T checkpoint;
    private final Identity identity;
    private final List<Link<T>> children = new ArrayList<>();
    private Link<T> parent;

    private Link(int index, T checkpoint, Identity identity) {
      this.index = index;
      this.checkpoint = checkpoint;
      this.identity = identity;
    }

    /**
     * The checkpoint as it was given.
     *
     * @return the checkpoint
     */
    public T checkpoint() {
      return checkpoint;
    }

    /**
     * What linking read of it.
     *
     * @return the identity
     */
    public Identity identity() {
      return identity;
    }

    /**
     * Its children in start order.
     *
     * @return an unmodifiable view
     */
    public List<Link<T>> children() {
      return Collections.unmodifiableList(children);
    }

    /**
     * Whether it names a parent that is not in its tree: a root that is not the tree's own.
     *
     * @return {@code true} for an orphan or the member of a parent cycle chosen as root
     */
    public boolean orphan() {
      return parent == null && identity.parentId() != null;
    }
  }

  /**
   * A checkpoint at its place in a depth-first, pre-order walk of its tree.
   *
   * @param link the checkpoint
   * @param parent the position of its parent in the walk, or -1 for a root
   * @param depth 0 for a root
   * @param <T> the form the checkpoints were given in
   */
  public record Placed<T>(Link<T> link, int parent, int depth) {}

  /**
   * Links checkpoints into trees.
   *
   * @param checkpoints the checkpoints, in any order
   * @param identity what linking needs of each
   * @param <T> the form of the checkpoints
   * @return the roots in start order, each with its descendants
   */
  public static <T> List<Link<T>> link(
      Collection<? extends T> checkpoints, Function<? super T, Identity> identity) {
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(identity, "identity");
    List<Link<T>> links = new ArrayList<>(checkpoints.size());
    for (T checkpoint : checkpoints) {
      links.add(new Link<>(links.size(), checkpoint, identity.apply(checkpoint)));
    }
    links.sort(START_ORDER);

    Map<String, Link<T>> byId = new HashMap<>();
    for (Link<T> link : links) {
      if (link.identity.id() != null) {
        byId.putIfAbsent(link.identity.traceId() + '/' + link.identity.id(), link);
      }
    }
    List<Link<T>> roots = new ArrayList<>();
    for (Link<T> link : links) {
      String parentId = link.identity.parentId();
      Link<T> parent = parentId == null ? null : byId.get(link.identity.traceId() + '/' + parentId);
      if (parent == null || parent == link) {
        roots.add(link);
      } else {
        link.parent = parent;
        parent.children.add(link);
      }
    }
    breakCycles(links, roots);
    return List.copyOf(roots);
  }

  /**
   * Walks trees depth first, each checkpoint before its children, children in start order.
   *
   * @param roots the roots, as {@link #link} returns them
   * @param <T> the form of the checkpoints
   * @return every checkpoint of the trees once, with its parent's position and its depth
   */
  public static <T> List<Placed<T>> preOrder(List<Link<T>> roots) {
    Objects.requireNonNull(roots, "roots");
    List<Placed<T>> walk = new ArrayList<>();
    List<Placed<T>> stack = new ArrayList<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.add(new Placed<>(roots.get(i), -1, 0));
    }
    while (!stack.isEmpty()) {
      Placed<T> placed = stack.remove(stack.size() - 1);
      int position = walk.size();
      walk.add(placed);
      List<Link<T>> children = placed.link().children;
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.add(new Placed<>(children.get(i), position, placed.depth() + 1));
      }
    }
    return walk;
  }

  /**
   * Links recorded checkpoints in the wire format into trees of {@link CheckpointNode}s.
   *
   * @param checkpoints wire-format checkpoints, in any order
   * @return the roots in start order, each with its descendants
   * @throws IllegalArgumentException when a checkpoint is not an object or lacks a {@code service},
   *     {@code kind} or {@code name} string; the message names the checkpoint
   */
  public static List<CheckpointNode> assemble(Collection<? extends JsonNode> checkpoints) {
    Objects.requireNonNull(checkpoints, "checkpoints");
    int[] index = {0};
    List<Link<JsonNode>> roots =
        link(checkpoints, checkpoint -> wireIdentity(index[0]++, checkpoint));
    List<CheckpointNode> nodes = new ArrayList<>(roots.size());
    Map<String, Integer> ordinals = new HashMap<>();
    for (Link<JsonNode> root : roots) {
      int ordinal = ordinals.merge(root.identity.sameNameAs(), 1, Integer::sum) - 1;
      nodes.add(build(root, ordinal));
    }
    return List.copyOf(nodes);
  }

  /*
   * Corrupt input can link checkpoints into a cycle that no root reaches. The earliest
   * checkpoint of each unreached group becomes a root, so nothing disappears.
   */
  private static <T> void breakCycles(List<Link<T>> links, List<Link<T>> roots) {
    Set<Link<T>> reached = new HashSet<>();
    markSubtrees(roots, reached);
    if (reached.size() == links.size()) {
      return;
    }
    for (Link<T> link : links) {
      if (!reached.contains(link)) {
        link.parent.children.remove(link);
        link.parent = null;
        roots.add(link);
        markSubtrees(List.of(link), reached);
      }
    }
    roots.sort(START_ORDER);
  }

  private static <T> void markSubtrees(List<Link<T>> from, Set<Link<T>> reached) {
    List<Link<T>> stack = new ArrayList<>(from);
    while (!stack.isEmpty()) {
      Link<T> link = stack.remove(stack.size() - 1);
      if (reached.add(link)) {
        stack.addAll(link.children);
      }
    }
  }

  /* Keys are given top-down, nodes are built bottom-up: a node holds its finished children. */
  private static CheckpointNode build(Link<JsonNode> root, int rootOrdinal) {
    List<Placed<JsonNode>> walk = preOrder(List.of(root));
    for (Placed<JsonNode> placed : walk) {
      if (placed.depth() >= MAX_DEPTH) {
        Link<JsonNode> deep = placed.link();
        throw new IllegalArgumentException(
            "Checkpoint #"
                + deep.index
                + (deep.identity.id() != null ? " (id " + deep.identity.id() + ")" : "")
                + " is "
                + (placed.depth() + 1)
                + " levels deep in its tree, deeper than the "
                + MAX_DEPTH
                + " levels assets, diffs and replays take. Record or export a subtree of it.");
      }
    }
    Map<Link<JsonNode>, Integer> positions = new HashMap<>();
    for (int i = 0; i < walk.size(); i++) {
      positions.put(walk.get(i).link(), i);
    }
    CheckpointKey[] keys = new CheckpointKey[walk.size()];
    keys[0] = CheckpointKey.of(segment(root, rootOrdinal));
    for (int i = 0; i < walk.size(); i++) {
      Map<String, Integer> ordinals = new HashMap<>();
      for (Link<JsonNode> child : walk.get(i).link().children) {
        int ordinal = ordinals.merge(child.identity.sameNameAs(), 1, Integer::sum) - 1;
        keys[positions.get(child)] = keys[i].child(segment(child, ordinal));
      }
    }
    CheckpointNode[] nodes = new CheckpointNode[walk.size()];
    for (int i = walk.size() - 1; i >= 0; i--) {
      Link<JsonNode> link = walk.get(i).link();
      List<CheckpointNode> children = new ArrayList<>(link.children.size());
      for (Link<JsonNode> child : link.children) {
        children.add(nodes[positions.get(child)]);
      }
      nodes[i] = CheckpointNode.assembled(keys[i], link.identity.id(), link.checkpoint, children);
    }
    return nodes[0];
  }

  private static CheckpointKey.Segment segment(Link<JsonNode> link, int ordinal) {
    Identity identity = link.identity;
    return new CheckpointKey.Segment(identity.service(), identity.kind(), identity.name(), ordinal);
  }

  private static Identity wireIdentity(int index, JsonNode wire) {
    if (wire == null || !wire.isObject()) {
      throw new IllegalArgumentException(
          "Checkpoint #" + index + " is not a JSON object but " + wire + ".");
    }
    return new Identity(
        Objects.requireNonNullElse(optionalText(wire, "traceId"), ""),
        optionalText(wire, "id"),
        optionalText(wire, "parentId"),
        requiredText(index, wire, "service"),
        requiredText(index, wire, "kind"),
        requiredText(index, wire, "name"),
        startTime(wire));
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

  /**
   * One service's part of a recorded call, as the service would record it on its own: the
   * checkpoint as a root (keys count from it, ordinal 0) with those of its descendants that the
   * same service recorded and that are reached through such descendants only. The calls the service
   * made to others stay (an {@code HTTP_CLIENT}, a {@code MESSAGE_PUBLISH}); what the other
   * services did under them goes. A request replayed to the service alone gives a tree of this
   * shape, so this is what the replayed tree is compared with.
   *
   * @param entry a checkpoint of a tree, such as a service's {@code HTTP_SERVER} under another
   *     service's {@code HTTP_CLIENT}
   * @return the checkpoint as the root of its service's part, ids and noise kept
   */
  public static CheckpointNode serviceSubtree(CheckpointNode entry) {
    Objects.requireNonNull(entry, "entry");
    String service = entry.service();
    List<CheckpointNode> walk = new ArrayList<>();
    List<List<Integer>> keptChildren = new ArrayList<>();
    List<CheckpointNode> stack = new ArrayList<>(List.of(entry));
    List<Integer> parents = new ArrayList<>(List.of(-1));
    while (!stack.isEmpty()) {
      CheckpointNode node = stack.remove(stack.size() - 1);
      int parent = parents.remove(parents.size() - 1);
      int position = walk.size();
      walk.add(node);
      keptChildren.add(new ArrayList<>());
      if (parent >= 0) {
        keptChildren.get(parent).add(position);
      }
      for (int i = node.children().size() - 1; i >= 0; i--) {
        CheckpointNode child = node.children().get(i);
        if (child.service().equals(service)) {
          stack.add(child);
          parents.add(position);
        }
      }
    }
    CheckpointKey[] keys = new CheckpointKey[walk.size()];
    keys[0] = CheckpointKey.of(segment(entry, 0));
    for (int i = 0; i < walk.size(); i++) {
      Map<String, Integer> ordinals = new HashMap<>();
      for (int child : keptChildren.get(i)) {
        CheckpointNode node = walk.get(child);
        String sameName = node.service() + '\u0000' + node.kind() + '\u0000' + node.name();
        keys[child] = keys[i].child(segment(node, ordinals.merge(sameName, 1, Integer::sum) - 1));
      }
    }
    CheckpointNode[] nodes = new CheckpointNode[walk.size()];
    for (int i = walk.size() - 1; i >= 0; i--) {
      List<CheckpointNode> children = new ArrayList<>();
      for (int child : keptChildren.get(i)) {
        children.add(nodes[child]);
      }
      nodes[i] = walk.get(i).rekeyed(keys[i], children);
    }
    return nodes[0];
  }

  /** The kinds of a service's entry checkpoints: the requests and messages it receives. */
  public static final List<String> ENTRY_KINDS =
      List.of(Kind.HTTP_SERVER.name(), Kind.MESSAGE_CONSUME.name());

  /**
   * A service's entry checkpoints in trees: its {@code HTTP_SERVER} and {@code MESSAGE_CONSUME}
   * checkpoints whose parent is not the service's own (the root of a tree, or the service's side of
   * another service's call). These are what a replay sends to the service again, and {@link
   * #serviceSubtree} of each is what its replayed tree is compared with.
   *
   * @param roots trees
   * @param service the service's name
   * @return the entries, depth first
   */
  public static List<CheckpointNode> entries(List<CheckpointNode> roots, String service) {
    Objects.requireNonNull(service, "service");
    record Visit(CheckpointNode node, String parentService) {}
    List<CheckpointNode> entries = new ArrayList<>();
    List<Visit> stack = new ArrayList<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.add(new Visit(roots.get(i), null));
    }
    while (!stack.isEmpty()) {
      Visit visit = stack.remove(stack.size() - 1);
      CheckpointNode node = visit.node();
      if (node.service().equals(service)
          && ENTRY_KINDS.contains(node.kind())
          && !service.equals(visit.parentService())) {
        entries.add(node);
      }
      for (int i = node.children().size() - 1; i >= 0; i--) {
        stack.add(new Visit(node.children().get(i), node.service()));
      }
    }
    return entries;
  }

  private static CheckpointKey.Segment segment(CheckpointNode node, int ordinal) {
    return new CheckpointKey.Segment(node.service(), node.kind(), node.name(), ordinal);
  }
}
