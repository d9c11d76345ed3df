package dev.checkpoint.server.internal.trees;

import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.assets.TreeDiff;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two runs or two trees with the assets' structural diff, normalised and filtered with the
 * noise rules the scenario runner used for their runs (the defaults for runs it stored none for),
 * so that the server shows the same changes as {@code checkpoint run}. A replay run beside the run
 * it replays is compared with the replayed service's part of each recorded tree, as {@code
 * checkpoint replay} compares them.
 */
public final class TreeComparison {
  private final RecordedTrees recorded;

  public TreeComparison(RecordedTrees recorded) {
    this.recorded = recorded;
  }

  /**
   * One side of a comparison.
   *
   * @param what {@code "run"} or {@code "tree"}
   * @param id the run id or trace id
   */
  public record Side(String what, String id) {}

  /**
   * A comparison.
   *
   * @param expected the left side as an asset, normalised
   * @param actual the right side as an asset, normalised
   * @param diff from expected to actual
   */
  public record Compared(Side left, Side right, Asset expected, Asset actual, TreeDiff diff) {}

  /**
   * Compares exactly two runs, or exactly two trees.
   *
   * @throws SelectionException when not exactly two of one are given, or one is not stored
   */
  public Compared compare(List<String> runs, List<String> traces) {
    return recorded.reading(budget -> compare(budget, runs, traces));
  }

  private Compared compare(TreeReads.Budget budget, List<String> runs, List<String> traces) {
    if (runs.size() == 2 && traces.isEmpty()) {
      List<RecordedTrees.Tree> left = replayed(recorded.ofRun(budget, runs.get(0)), runs, 1, 0);
      List<RecordedTrees.Tree> right = replayed(recorded.ofRun(budget, runs.get(1)), runs, 0, 1);
      return compared(new Side("run", runs.get(0)), left, new Side("run", runs.get(1)), right);
    }
    if (traces.size() == 2 && runs.isEmpty()) {
      return compared(
          new Side("tree", traces.get(0)),
          List.of(recorded.ofTrace(budget, traces.get(0))),
          new Side("tree", traces.get(1)),
          List.of(recorded.ofTrace(budget, traces.get(1))));
    }
    throw SelectionException.invalid(
        "Choose exactly two runs or exactly two trees to compare (got "
            + runs.size()
            + " runs and "
            + traces.size()
            + " trees).",
        null);
  }

  /**
   * A recorded run's trees as the replay run beside it replayed them: when {@code runs[other]} is a
   * replay of {@code runs[self]}, only the replayed service's part of each tree, so that the
   * comparison shows what {@code checkpoint replay} compared and not what the other services did.
   */
  private List<RecordedTrees.Tree> replayed(
      List<RecordedTrees.Tree> trees, List<String> runs, int other, int self) {
    return recorded
        .replayedService(runs.get(other), runs.get(self))
        .map(service -> trees.stream().map(tree -> RecordedTrees.partOf(tree, service)).toList())
        .orElse(trees);
  }

  private Compared compared(
      Side leftSide,
      List<RecordedTrees.Tree> left,
      Side rightSide,
      List<RecordedTrees.Tree> right) {
    Set<String> runIds = new TreeSet<>(RecordedTrees.runIds(left));
    runIds.addAll(RecordedTrees.runIds(right));
    NoiseRules rules = recorded.noise(runIds);
    Asset expected = Asset.ofTrees(RecordedTrees.forest(left), rules.normaliser());
    Asset actual = Asset.ofTrees(RecordedTrees.forest(right), rules.normaliser());
    return new Compared(
        leftSide, rightSide, expected, actual, rules.diff().compare(expected, actual));
  }
}
