package dev.checkpoint.server.internal.trees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.TraceId;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.assets.ReplayRunLabels;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.Run;
import dev.checkpoint.server.internal.storage.StoredJson;
import dev.checkpoint.server.internal.storage.TreeSummary;
import dev.checkpoint.server.internal.storage.WireCheckpoints;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Stored checkpoints as the assets module reads them: wire-format JSON linked into trees by its
 * tree builder, for comparing and exporting, with the noise rules of the runs they belong to.
 */
public final class RecordedTrees {
  /** Trees of one run that compare and export read at most, to bound the memory of one request. */
  public static final int MAX_TREES_PER_RUN = 1000;

  private static final ObjectMapper JSON = StoredJson.MAPPER;

  private final CheckpointStore store;
  private final TreeReads reads;

  public RecordedTrees(CheckpointStore store, TreeReads reads) {
    this.store = store;
    this.reads = reads;
  }

  /** Runs a read of recorded trees within the server's read limits. */
  public <T> T reading(Function<TreeReads.Budget, T> read) {
    return reads.reading(read);
  }

  /**
   * One recorded tree.
   *
   * @param checkpoints its checkpoints in the wire format
   * @param roots its roots (more than one when parents are missing)
   * @param runIds the runs its checkpoints were recorded in
   */
  public record Tree(
      String traceId, List<JsonNode> checkpoints, List<CheckpointNode> roots, Set<String> runIds) {}

  /** The tree of a trace, loaded within the read's budget. */
  public Tree ofTrace(TreeReads.Budget budget, String traceId) {
    if (!TraceId.isValid(traceId)) {
      throw SelectionException.invalid(
          "A trace id must be " + TraceId.RULE + ", not " + traceId + ".", "trace");
    }
    List<Checkpoint> checkpoints = budget.load(traceId);
    reads.checkDepth(
        traceId,
        TreeReads.depth(
            CheckpointTrees.preOrder(
                CheckpointTrees.link(checkpoints, checkpoint -> checkpoint.outline().identity()))));
    List<JsonNode> wire = new ArrayList<>(checkpoints.size());
    Set<String> runIds = new TreeSet<>();
    for (Checkpoint checkpoint : checkpoints) {
      wire.add(WireCheckpoints.full(checkpoint));
      if (checkpoint.runId() != null) {
        runIds.add(checkpoint.runId());
      }
    }
    return new Tree(traceId, wire, CheckpointTrees.assemble(wire), runIds);
  }

  /** The run's trees, oldest first, loaded within the read's budget. */
  public List<Tree> ofRun(TreeReads.Budget budget, String runId) {
    if (store.run(runId).isEmpty()) {
      throw SelectionException.notFound("There is no run " + runId + ".");
    }
    List<TreeSummary> summaries = store.trees(runId, MAX_TREES_PER_RUN + 1, 0);
    if (summaries.size() > MAX_TREES_PER_RUN) {
      throw SelectionException.invalid(
          "Run "
              + runId
              + " has more than "
              + MAX_TREES_PER_RUN
              + " trees, more than are compared or exported at once. Compare or export its"
              + " trees one by one.",
          "run");
    }
    List<Tree> trees = new ArrayList<>(summaries.size());
    for (TreeSummary summary : summaries) {
      trees.add(ofTrace(budget, summary.traceId()));
    }
    return trees;
  }

  /**
   * The noise rules the scenario runner compared these runs with, together; the defaults for runs
   * it stored none for.
   */
  public NoiseRules noise(Collection<String> runIds) {
    NoiseRules rules = NoiseRules.defaults();
    for (String runId : runIds) {
      String stored = store.run(runId).map(Run::noise).orElse(null);
      if (stored != null) {
        rules =
            rules.and(
                NoiseRules.fromJson(
                    parse(stored, "noise rules"), "the noise rules of run " + runId));
      }
    }
    return rules;
  }

  /**
   * Several trees linked as one forest, so that roots of the same name get ordinals of their own
   * ({@code #0}, {@code #1}, ...) and every key is unique across the trees.
   */
  public static List<CheckpointNode> forest(List<Tree> trees) {
    List<JsonNode> checkpoints = new ArrayList<>();
    trees.forEach(tree -> checkpoints.addAll(tree.checkpoints()));
    return CheckpointTrees.assemble(checkpoints);
  }

  /**
   * The service a replay run replayed from a recorded run, read from the labels {@code checkpoint
   * replay} stored it with.
   *
   * @param replayRun a run that may be a replay
   * @param recordedRun the run it may replay
   * @return the service under test, or empty when {@code replayRun} is not a replay of {@code
   *     recordedRun}
   */
  public Optional<String> replayedService(String replayRun, String recordedRun) {
    return store
        .run(replayRun)
        .filter(run -> run.labels() != null)
        .map(run -> parse(run.labels(), "labels"))
        .filter(labels -> labels.path(ReplayRunLabels.REPLAYS).asText("").equals(recordedRun))
        .map(labels -> labels.path(ReplayRunLabels.SERVICE).asText(""))
        .filter(service -> !service.isEmpty());
  }

  /**
   * What a replay of a service replays in a recorded tree: the service's part under each of its
   * entry checkpoints ({@link CheckpointTrees#entries}, {@link CheckpointTrees#serviceSubtree}),
   * without what other services did around and under it, as {@code checkpoint replay} compares it.
   *
   * @param tree a recorded tree
   * @param service the service replayed
   * @return the tree with only those checkpoints; each entry is a root of it
   */
  public static Tree partOf(Tree tree, String service) {
    Set<String> kept = new HashSet<>();
    for (CheckpointNode entry : CheckpointTrees.entries(tree.roots(), service)) {
      for (CheckpointNode node : CheckpointTrees.serviceSubtree(entry).flatten()) {
        node.id().ifPresent(kept::add);
      }
    }
    List<JsonNode> checkpoints =
        tree.checkpoints().stream()
            .filter(checkpoint -> kept.contains(checkpoint.path("id").asText()))
            .toList();
    return new Tree(
        tree.traceId(), checkpoints, CheckpointTrees.assemble(checkpoints), tree.runIds());
  }

  /** The runs of several trees. */
  public static Set<String> runIds(List<Tree> trees) {
    Set<String> runIds = new TreeSet<>();
    trees.forEach(tree -> runIds.addAll(tree.runIds()));
    return runIds;
  }

  private static JsonNode parse(String json, String what) {
    try {
      return Objects.requireNonNull(JSON.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(
          "Stored " + what + " are unreadable; the database was changed", e);
    }
  }
}
