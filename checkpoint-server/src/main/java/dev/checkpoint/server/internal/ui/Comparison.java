package dev.checkpoint.server.internal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.CheckpointChange;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.FirstDivergence;
import dev.checkpoint.assets.TreeDiff;
import dev.checkpoint.assets.ValueChange;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.RunFilter;
import dev.checkpoint.server.internal.trees.SelectionException;
import dev.checkpoint.server.internal.trees.TreeComparison;
import dev.checkpoint.server.internal.ui.PageModels.ChangeView;
import dev.checkpoint.server.internal.ui.PageModels.ComparePage;
import dev.checkpoint.server.internal.ui.PageModels.FieldView;
import dev.checkpoint.server.internal.ui.PageModels.FirstDivergenceView;
import dev.checkpoint.server.internal.ui.PageModels.Link;
import dev.checkpoint.server.internal.ui.PageModels.Pair;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The compare page: two runs or two trees side by side, with the changes {@link TreeComparison}
 * finds.
 */
final class Comparison {
  private static final int RECENT_RUNS = 50;

  private final CheckpointStore store;
  private final TreeComparison comparison;

  Comparison(CheckpointStore store, TreeComparison comparison) {
    this.store = store;
    this.comparison = comparison;
  }

  void compare(Context ctx) {
    List<String> runs = ctx.queryParams("run").stream().filter(v -> !v.isBlank()).toList();
    List<String> traces = ctx.queryParams("trace").stream().filter(v -> !v.isBlank()).toList();
    if (runs.isEmpty() && traces.isEmpty()) {
      UiRender.page(ctx, "compare.jte", choice(null));
      return;
    }
    TreeComparison.Compared compared;
    try {
      compared = comparison.compare(runs, traces);
    } catch (SelectionException e) {
      if (e.problem() != SelectionException.Problem.INVALID) {
        throw e;
      }
      UiRender.page(ctx, 400, "compare.jte", choice(e.getMessage()));
      return;
    }
    Optional<FirstDivergence> first = FirstDivergence.of(compared.diff());
    UiRender.page(
        ctx,
        "compare.jte",
        new ComparePage(
            link(compared.left()),
            link(compared.right()),
            null,
            first.map(Comparison::view).orElse(null),
            changes(compared.diff(), first.map(f -> f.first().change()).orElse(null)),
            unchanged(compared.diff(), compared.actual()),
            List.of()));
  }

  private static Link link(TreeComparison.Side side) {
    return new Link(
        side.what() + " " + side.id(),
        side.what().equals("run") ? Format.runPath(side.id()) : Format.treePath(side.id()));
  }

  private ComparePage choice(String error) {
    List<Pair> recent =
        store.runs(RunFilter.ALL, RECENT_RUNS, 0).stream()
            .map(run -> new Pair(run.id(), run.name() == null ? run.id() : run.name()))
            .toList();
    return new ComparePage(null, null, error, null, List.of(), List.of(), recent);
  }

  private static FirstDivergenceView view(FirstDivergence first) {
    return new FirstDivergenceView(
        first.side().phrase(),
        first.key().toString(),
        first.changes().stream().map(Comparison::field).toList(),
        first.cause().map(cause -> cause.key().toString()).orElse(null),
        first.explanation(),
        first.others().size());
  }

  private static List<ChangeView> changes(TreeDiff diff, CheckpointChange first) {
    List<ChangeView> views = new ArrayList<>();
    for (CheckpointChange change : diff.changes()) {
      views.add(view(change, change == first));
    }
    return views;
  }

  private static ChangeView view(CheckpointChange change, boolean first) {
    String key = change.key().toString();
    if (change instanceof CheckpointChange.Added added) {
      return new ChangeView(
          first, "added", key, null, List.of(), null, added.checkpoint().fields());
    }
    if (change instanceof CheckpointChange.Removed removed) {
      return new ChangeView(
          first, "removed", key, null, List.of(), removed.checkpoint().fields(), null);
    }
    if (change instanceof CheckpointChange.Moved moved) {
      return new ChangeView(
          first, "moved", key, moved.expectedKey().toString(), List.of(), null, null);
    }
    CheckpointChange.Changed changed = (CheckpointChange.Changed) change;
    return new ChangeView(
        first,
        "changed",
        key,
        changed.expectedKey().toString(),
        changed.changes().stream().map(Comparison::field).toList(),
        null,
        null);
  }

  private static FieldView field(ValueChange change) {
    return new FieldView(
        change.path().isEmpty() ? "/" : change.path(),
        change.type().name().toLowerCase(Locale.ROOT),
        side(change.expected()),
        side(change.actual()));
  }

  private static String side(JsonNode value) {
    return value.isMissingNode() ? "" : Format.json(value);
  }

  /** Checkpoints of the right side that no change touches, added subtrees included. */
  private static List<String> unchanged(TreeDiff diff, Asset actual) {
    Set<String> touched = new HashSet<>();
    for (CheckpointChange change : diff.changes()) {
      touched.add(change.key().toString());
      if (change instanceof CheckpointChange.Added added) {
        added.checkpoint().flatten().forEach(node -> touched.add(node.key().toString()));
      }
    }
    List<String> unchanged = new ArrayList<>();
    for (CheckpointNode node : actual.flatten()) {
      if (!touched.contains(node.key().toString())) {
        unchanged.add(node.key().toString());
      }
    }
    return unchanged;
  }
}
