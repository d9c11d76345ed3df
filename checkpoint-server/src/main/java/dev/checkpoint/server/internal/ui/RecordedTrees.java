package dev.checkpoint.server.internal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.server.internal.http.Views;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.TreeSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Stored checkpoints as the assets module reads them: wire-format JSON linked into trees, for
 * comparing and exporting.
 */
final class RecordedTrees {
  /** Trees of one run that Compare and Export read at most, to bound the memory of one request. */
  static final int MAX_TREES_PER_RUN = 1000;

  private final CheckpointStore store;

  RecordedTrees(CheckpointStore store) {
    this.store = store;
  }

  /** One recorded tree: its trace id and its roots (more than one when parents are missing). */
  record Tree(String traceId, List<CheckpointNode> roots) {}

  Tree ofTrace(String traceId) {
    List<Checkpoint> checkpoints = store.trace(traceId);
    if (checkpoints.isEmpty()) {
      throw UiException.notFound("No checkpoint of trace " + traceId + " is stored.");
    }
    List<JsonNode> wire = new ArrayList<>(checkpoints.size());
    for (Checkpoint checkpoint : checkpoints) {
      wire.add(Views.full(checkpoint));
    }
    return new Tree(traceId, CheckpointTrees.assemble(wire));
  }

  /** The run's trees, oldest first. */
  List<Tree> ofRun(String runId) {
    if (store.run(runId).isEmpty()) {
      throw UiException.notFound("There is no run " + runId + ".");
    }
    List<TreeSummary> summaries = store.trees(runId, MAX_TREES_PER_RUN + 1, 0);
    if (summaries.size() > MAX_TREES_PER_RUN) {
      throw UiException.badRequest(
          "Run "
              + runId
              + " has more than "
              + MAX_TREES_PER_RUN
              + " trees, more than the UI compares or exports at once. Compare or export its"
              + " trees one by one.");
    }
    List<Tree> trees = new ArrayList<>(summaries.size());
    for (TreeSummary summary : summaries) {
      trees.add(ofTrace(summary.traceId()));
    }
    return trees;
  }

  static List<CheckpointNode> roots(List<Tree> trees) {
    List<CheckpointNode> roots = new ArrayList<>();
    trees.forEach(tree -> roots.addAll(tree.roots()));
    return roots;
  }
}
