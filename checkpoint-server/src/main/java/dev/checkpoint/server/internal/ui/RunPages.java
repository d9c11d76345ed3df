package dev.checkpoint.server.internal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.ReplayRunLabels;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointGroup;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.Run;
import dev.checkpoint.server.internal.storage.RunFilter;
import dev.checkpoint.server.internal.storage.RunTotals;
import dev.checkpoint.server.internal.storage.TreeSummary;
import dev.checkpoint.server.internal.ui.PageModels.KindCount;
import dev.checkpoint.server.internal.ui.PageModels.Pair;
import dev.checkpoint.server.internal.ui.PageModels.RunPage;
import dev.checkpoint.server.internal.ui.PageModels.RunRow;
import dev.checkpoint.server.internal.ui.PageModels.RunsPage;
import dev.checkpoint.server.internal.ui.PageModels.TreeRow;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The list of runs and the page of one run. */
final class RunPages {
  private static final int RUNS_PER_PAGE = 25;
  private static final int TREES_PER_PAGE = 20;

  /** Trees of a run counted for its summary; a run with more shows "1000+". */
  private static final int COUNTED_TREES = 1000;

  private final CheckpointStore store;

  RunPages(CheckpointStore store) {
    this.store = store;
  }

  void runs(Context ctx) {
    String name = Pagination.param(ctx, "name");
    String label = Pagination.param(ctx, "label");
    int offset = Pagination.offset(ctx);
    String error = null;
    RunFilter filter = new RunFilter(name, null, null);
    if (label != null) {
      int equals = label.indexOf('=');
      if (equals <= 0) {
        error = "Filter labels as key=value, such as branch=main.";
      } else {
        filter =
            new RunFilter(name, label.substring(0, equals).trim(), label.substring(equals + 1));
      }
    }
    List<Run> runs = error == null ? store.runs(filter, RUNS_PER_PAGE + 1, offset) : List.of();
    List<Run> shown = runs.stream().limit(RUNS_PER_PAGE).toList();
    Map<String, RunTotals> totals =
        store.runTotals(shown.stream().map(Run::id).toList(), COUNTED_TREES + 1);
    List<RunRow> rows = new ArrayList<>();
    shown.forEach(run -> rows.add(row(run, totals.get(run.id()))));
    Map<String, String> query = new TreeMap<>();
    query.put("name", name);
    query.put("label", label);
    UiRender.page(
        ctx,
        "runs.jte",
        new RunsPage(
            name,
            label,
            error,
            rows,
            Pagination.pager("/ui/runs", query, offset, RUNS_PER_PAGE, runs.size())));
  }

  void run(Context ctx) {
    String runId = ctx.pathParam("runId");
    Run run =
        store.run(runId).orElseThrow(() -> UiException.notFound("There is no run " + runId + "."));
    int offset = Pagination.offset(ctx);
    List<TreeSummary> trees = store.trees(runId, TREES_PER_PAGE + 1, offset);
    List<TreeSummary> shown = trees.stream().limit(TREES_PER_PAGE).toList();
    // One payload-free read for the page, not every tree with its payloads.
    Map<String, List<CheckpointGroup>> groups = new HashMap<>();
    for (CheckpointGroup group :
        store.checkpointGroups(shown.stream().map(TreeSummary::traceId).toList())) {
      groups.computeIfAbsent(group.traceId(), id -> new ArrayList<>()).add(group);
    }
    List<TreeRow> rows = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    for (TreeSummary tree : shown) {
      List<CheckpointGroup> ofTree = groups.getOrDefault(tree.traceId(), List.of());
      ofTree.forEach(group -> names.add(group.name()));
      rows.add(treeRow(tree, ofTree));
    }
    UiRender.page(
        ctx,
        "run.jte",
        new RunPage(
            row(run),
            rows,
            Pagination.pager(Format.runPath(runId), Map.of(), offset, TREES_PER_PAGE, trees.size()),
            List.copyOf(names),
            replays(run)));
  }

  /**
   * The recorded run a replay run replays, when it is stored here: the run page links it and
   * compares the two. {@code checkpoint replay} of assets names a path, which is no run.
   */
  private String replays(Run run) {
    JsonNode replays = Payloads.parse(run.labels()).path(ReplayRunLabels.REPLAYS);
    if (!replays.isTextual() || store.run(replays.asText()).isEmpty()) {
      return null;
    }
    return replays.asText();
  }

  private RunRow row(Run run) {
    return row(run, store.runTotals(run.id(), COUNTED_TREES + 1));
  }

  private static RunRow row(Run run, RunTotals totals) {
    String duration;
    if (run.closedAtMillis() != null) {
      duration = Format.duration((run.closedAtMillis() - run.startedAtMillis()) * 1_000_000);
    } else {
      duration =
          totals.trees() == 0
              ? ""
              : Format.duration(totals.endNanos() - totals.startNanos()) + " so far";
    }
    return new RunRow(
        run.id(),
        run.name(),
        run.scenario(),
        labels(run.labels()),
        Format.timeMillis(run.startedAtMillis()),
        duration,
        totals.trees() > COUNTED_TREES ? COUNTED_TREES + "+" : Integer.toString(totals.trees()),
        totals.checkpoints(),
        totals.errors(),
        run.closedAtMillis() == null);
  }

  private static List<Pair> labels(String json) {
    List<Pair> labels = new ArrayList<>();
    JsonNode parsed = Payloads.parse(json);
    parsed
        .properties()
        .forEach(label -> labels.add(new Pair(label.getKey(), Payloads.text(label.getValue()))));
    return labels;
  }

  private static TreeRow treeRow(TreeSummary tree, List<CheckpointGroup> groups) {
    Set<String> services = new TreeSet<>();
    Map<String, Integer> kinds = new TreeMap<>();
    for (CheckpointGroup group : groups) {
      services.add(group.service());
      kinds.merge(group.kind(), group.count(), Integer::sum);
    }
    List<KindCount> kindCounts = new ArrayList<>();
    kinds.forEach((kind, count) -> kindCounts.add(new KindCount(kind, count)));
    Checkpoint root = tree.root();
    return new TreeRow(
        tree.traceId(),
        root == null ? tree.traceId() : root.name(),
        root == null ? null : root.kind(),
        List.copyOf(services),
        kindCounts,
        tree.checkpointCount(),
        tree.errorCount(),
        Format.timeNanos(tree.startNanos()),
        Format.duration(tree.endNanos() - tree.startNanos()));
  }
}
