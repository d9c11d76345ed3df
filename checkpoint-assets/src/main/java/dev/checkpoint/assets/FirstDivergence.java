package dev.checkpoint.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.internal.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a changed tree first went differently, and why: the earliest divergence in execution order
 * and its cause.
 *
 * <p><b>Execution order.</b> A checkpoint's input is seen when it starts, its output or error when
 * it ends. Children are kept in start order, so a depth-first walk that meets each checkpoint's
 * input on the way down and its output on the way back up is the order things happened in: the
 * input of a call comes after the input of its caller, and its output before the caller's output.
 * The divergences of a {@link TreeDiff} are placed on that walk: a changed input ({@link
 * Side#INPUT}) and an {@linkplain Side#ADDED added}, {@linkplain Side#REMOVED removed} or
 * {@linkplain Side#MOVED moved} call where the checkpoint starts, a changed output ({@link
 * Side#OUTPUT}) or error ({@link Side#ERROR}) where it ends. Changes of other fields (attributes,
 * truncation and redaction markers) are not divergences.
 *
 * <p><b>Cause.</b> The innermost checkpoint whose own input is unchanged but which produced
 * something different: its own output or error changed, or a checkpoint it called received
 * different input (or was added, removed or moved). Checkpoints that merely passed changed input on
 * are not causes. Because every earlier event is unchanged, the cause of a changed input, an added,
 * removed or moved call is the caller (for a changed {@code SQL INSERT} input under an unchanged
 * {@code POST /payments}, the payments handler, or the {@code @Checkpoint} method between them that
 * built the statement's values), and the cause of a changed output or error is the checkpoint
 * itself. A root whose input changed, or an added or removed root, has no recorded cause: what
 * called it is outside the trees.
 *
 * <pre>{@code
 * TreeDiff diff = StructuralDiff.defaults().compare(committed, fresh);
 * FirstDivergence.of(diff).ifPresent(first -> System.out.print(DiffRenderer.text(first, false)));
 * }</pre>
 *
 * <p>The analysis walks the diff with an explicit stack, so trees thousands of levels deep are
 * fine.
 */
public final class FirstDivergence {

  /** Which part of a checkpoint diverged. */
  public enum Side {
    /** The checkpoint received different input. */
    INPUT,
    /** The checkpoint returned a different output. */
    OUTPUT,
    /** The checkpoint failed differently, or failed where it did not, or the other way round. */
    ERROR,
    /** The checkpoint is a new call. */
    ADDED,
    /** The checkpoint is no longer called. */
    REMOVED,
    /** The same call happens elsewhere: under another caller, or in another order. */
    MOVED;

    /**
     * How reports put it before the checkpoint's key.
     *
     * @return such as {@code input of} or {@code added}
     */
    public String phrase() {
      return switch (this) {
        case INPUT -> "input of";
        case OUTPUT -> "output of";
        case ERROR -> "error of";
        case ADDED -> "added";
        case REMOVED -> "removed";
        case MOVED -> "moved";
      };
    }
  }

  /** Why a checkpoint is the cause of a divergence. */
  public enum Reason {
    /** Its input and its calls are unchanged, and its own output or error changed. */
    OWN_RESULT,
    /** Its input is unchanged, and a checkpoint it called received different input. */
    PASSED_DIFFERENT_INPUT,
    /**
     * Its input is unchanged, and it made a call it did not make before, or no longer makes one.
     */
    CALLS_CHANGED
  }

  /**
   * One divergence.
   *
   * @param side which part diverged
   * @param change the tree diff's change it comes from
   * @param changes the field-level diff of that part, with paths from the checkpoint such as {@code
   *     /input/parameters/4}; for an added or removed checkpoint its input at {@code /input}; empty
   *     for a move
   */
  public record Divergence(Side side, CheckpointChange change, List<ValueChange> changes) {
    /**
     * Checks and copies the values.
     *
     * @param side which part diverged
     * @param change the change
     * @param changes the field-level diff
     */
    public Divergence {
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(change, "change");
      changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }

    /**
     * Where it diverged.
     *
     * @return the key in the actual trees, or in the expected trees for a removal
     */
    public CheckpointKey key() {
      return change.key();
    }
  }

  /**
   * The cause of a divergence.
   *
   * @param key the cause's key in the actual trees (for the caller of a removed checkpoint, when
   *     the diff does not list that caller, its key in the expected trees, which is almost always
   *     the same)
   * @param reason why it is the cause
   */
  public record Cause(CheckpointKey key, Reason reason) {
    /**
     * Checks the values.
     *
     * @param key the key
     * @param reason the reason
     */
    public Cause {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(reason, "reason");
    }

    /**
     * Says in a sentence why this is the cause.
     *
     * @return the explanation, such as {@code its input is unchanged, but a checkpoint it called
     *     received different input}
     */
    public String explanation() {
      return switch (reason) {
        case OWN_RESULT -> "its input and its calls are unchanged, but its own result changed";
        case PASSED_DIFFERENT_INPUT ->
            "its input is unchanged, but a checkpoint it called received different input";
        case CALLS_CHANGED ->
            "its input is unchanged, but its calls changed: one was added, removed or moved";
      };
    }
  }

  private final Divergence first;
  private final Cause cause;
  private final List<Divergence> others;

  private FirstDivergence(Divergence first, Cause cause, List<Divergence> others) {
    this.first = first;
    this.cause = cause;
    this.others = List.copyOf(others);
  }

  /**
   * Finds the first divergence of a tree diff.
   *
   * @param diff a diff from {@link StructuralDiff}, its changes in the order of a walk of the trees
   * @return the first divergence; empty when the diff is empty or changes no input, output or error
   *     and adds, removes or moves no checkpoint
   */
  public static Optional<FirstDivergence> of(TreeDiff diff) {
    Objects.requireNonNull(diff, "diff");
    List<Divergence> ordered = inExecutionOrder(diff.changes());
    if (ordered.isEmpty()) {
      return Optional.empty();
    }
    Divergence first = ordered.get(0);
    return Optional.of(
        new FirstDivergence(
            first, cause(first, diff.changes()), ordered.subList(1, ordered.size())));
  }

  /* Places the divergences on the walk that meets inputs going down and outputs coming back up. */
  private static List<Divergence> inExecutionOrder(List<CheckpointChange> changes) {
    List<Divergence> ordered = new ArrayList<>();
    // The changes listed so far that contain the current one; only these can have changes below.
    Deque<CheckpointChange> open = new ArrayDeque<>();
    for (CheckpointChange change : changes) {
      while (!open.isEmpty() && !isBelow(change, open.peek())) {
        ended(open.pop(), ordered);
      }
      started(change, ordered);
      if (change instanceof CheckpointChange.Changed || change instanceof CheckpointChange.Moved) {
        open.push(change);
      }
    }
    while (!open.isEmpty()) {
      ended(open.pop(), ordered);
    }
    return ordered;
  }

  /*
   * Whether a change is inside the subtree of an earlier one: removals are keyed in the expected
   * trees, the rest in the actual ones.
   */
  private static boolean isBelow(CheckpointChange change, CheckpointChange above) {
    if (change instanceof CheckpointChange.Removed) {
      return contains(expectedKey(above), change.key());
    }
    return contains(above.key(), change.key());
  }

  private static CheckpointKey expectedKey(CheckpointChange change) {
    if (change instanceof CheckpointChange.Changed changed) {
      return changed.expectedKey();
    }
    if (change instanceof CheckpointChange.Moved moved) {
      return moved.expectedKey();
    }
    return change.key();
  }

  private static boolean contains(CheckpointKey ancestor, CheckpointKey key) {
    int depth = ancestor.segments().size();
    return key.segments().size() > depth
        && key.segments().subList(0, depth).equals(ancestor.segments());
  }

  private static void started(CheckpointChange change, List<Divergence> out) {
    if (change instanceof CheckpointChange.Added added) {
      out.add(
          new Divergence(Side.ADDED, change, input(added.checkpoint(), ValueChange.Type.ADDED)));
    } else if (change instanceof CheckpointChange.Removed removed) {
      out.add(
          new Divergence(
              Side.REMOVED, change, input(removed.checkpoint(), ValueChange.Type.REMOVED)));
    } else if (change instanceof CheckpointChange.Moved) {
      out.add(new Divergence(Side.MOVED, change, List.of()));
    } else if (change instanceof CheckpointChange.Changed changed) {
      List<ValueChange> input = under(changed.changes(), "/input");
      if (!input.isEmpty()) {
        out.add(new Divergence(Side.INPUT, change, input));
      }
    }
  }

  private static void ended(CheckpointChange change, List<Divergence> out) {
    if (change instanceof CheckpointChange.Changed changed) {
      List<ValueChange> output = under(changed.changes(), "/output");
      List<ValueChange> error = under(changed.changes(), "/error");
      if (!output.isEmpty() || !error.isEmpty()) {
        List<ValueChange> result = new ArrayList<>(error);
        result.addAll(output);
        out.add(new Divergence(error.isEmpty() ? Side.OUTPUT : Side.ERROR, change, result));
      }
    }
  }

  private static List<ValueChange> input(CheckpointNode checkpoint, ValueChange.Type type) {
    JsonNode input = checkpoint.normalised().get("input");
    JsonNode missing = Json.NODES.missingNode();
    return List.of(
        type == ValueChange.Type.ADDED
            ? new ValueChange("/input", type, missing, input)
            : new ValueChange("/input", type, input, missing));
  }

  private static List<ValueChange> under(List<ValueChange> changes, String field) {
    return changes.stream()
        .filter(c -> c.path().equals(field) || c.path().startsWith(field + "/"))
        .toList();
  }

  private static Cause cause(Divergence first, List<CheckpointChange> changes) {
    if (first.side() == Side.OUTPUT || first.side() == Side.ERROR) {
      return new Cause(first.key(), Reason.OWN_RESULT);
    }
    Optional<CheckpointKey> caller = first.key().parent();
    if (caller.isEmpty()) {
      return null;
    }
    Reason reason =
        first.side() == Side.INPUT ? Reason.PASSED_DIFFERENT_INPUT : Reason.CALLS_CHANGED;
    if (first.side() != Side.REMOVED) {
      return new Cause(caller.get(), reason);
    }
    // A removal is keyed in the expected trees; its caller is found in the actual ones.
    Map<CheckpointKey, CheckpointKey> actualKeys = new HashMap<>();
    for (CheckpointChange change : changes) {
      if (change instanceof CheckpointChange.Changed || change instanceof CheckpointChange.Moved) {
        actualKeys.put(expectedKey(change), change.key());
      }
    }
    return new Cause(actualKeys.getOrDefault(caller.get(), caller.get()), reason);
  }

  /**
   * The first divergence.
   *
   * @return the earliest divergence in execution order
   */
  public Divergence first() {
    return first;
  }

  /**
   * Which part of the checkpoint diverged first.
   *
   * @return the side of {@link #first()}
   */
  public Side side() {
    return first.side();
  }

  /**
   * Where it diverged first.
   *
   * @return the key of {@link #first()}
   */
  public CheckpointKey key() {
    return first.key();
  }

  /**
   * The field-level diff of the first divergence.
   *
   * @return the changes of {@link #first()}
   */
  public List<ValueChange> changes() {
    return first.changes();
  }

  /**
   * Why it diverged.
   *
   * @return the cause; empty when the first divergence is at a root (its input changed, or it was
   *     added or removed), whose caller was not recorded
   */
  public Optional<Cause> cause() {
    return Optional.ofNullable(cause);
  }

  /**
   * Says why the cause is the cause, or why there is none.
   *
   * @return the cause's {@linkplain Cause#explanation() explanation}, or that a root's caller was
   *     not recorded
   */
  public String explanation() {
    return cause == null
        ? "not recorded: the first divergence is at a root, and what called it is outside the trees"
        : cause.explanation();
  }

  /**
   * The divergences after the first.
   *
   * @return the later divergences, in execution order; unmodifiable
   */
  public List<Divergence> others() {
    return others;
  }

  /**
   * The analysis as JSON, for APIs and webhooks:
   *
   * <pre>{@code
   * {"key": "…", "side": "input",
   *  "changes": [{"path": "/input/parameters/4", "type": "changed", "expected": 9000, "actual": 9025}],
   *  "cause": {"key": "…", "reason": "passed_different_input", "explanation": "…"},
   *  "others": [{"key": "…", "side": "output"}]}
   * }</pre>
   *
   * A change has no {@code expected} when added, no {@code actual} when removed; {@code cause} is
   * null when there is none.
   *
   * @return a new JSON object
   */
  public ObjectNode toJson() {
    ObjectNode json = Json.NODES.objectNode();
    json.put("key", first.key().toString());
    json.put("side", lower(first.side()));
    ArrayNode fields = json.putArray("changes");
    for (ValueChange change : first.changes()) {
      ObjectNode field = fields.addObject();
      field.put("path", change.path());
      field.put("type", lower(change.type()));
      if (!change.expected().isMissingNode()) {
        field.set("expected", change.expected().deepCopy());
      }
      if (!change.actual().isMissingNode()) {
        field.set("actual", change.actual().deepCopy());
      }
    }
    if (cause == null) {
      json.putNull("cause");
    } else {
      json.putObject("cause")
          .put("key", cause.key().toString())
          .put("reason", lower(cause.reason()))
          .put("explanation", cause.explanation());
    }
    ArrayNode later = json.putArray("others");
    for (Divergence other : others) {
      later.addObject().put("key", other.key().toString()).put("side", lower(other.side()));
    }
    return json;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return first.side().phrase()
        + " "
        + first.key()
        + (cause == null ? "" : ", caused by " + cause.key())
        + (others.isEmpty() ? "" : ", and " + others.size() + " later");
  }
}
