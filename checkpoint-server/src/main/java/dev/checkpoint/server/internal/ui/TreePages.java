package dev.checkpoint.server.internal.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.CheckpointId;
import dev.checkpoint.TraceId;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointOutline;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.WireCheckpoints;
import dev.checkpoint.server.internal.trees.TreeReads;
import dev.checkpoint.server.internal.ui.PageModels.TreePage;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The page of one tree, the page of one checkpoint, and a checkpoint's payloads for the script. */
final class TreePages {

  private final CheckpointStore store;
  private final TreeReads reads;

  TreePages(CheckpointStore store, TreeReads reads) {
    this.store = store;
    this.reads = reads;
  }

  void tree(Context ctx) {
    String traceId = traceId(ctx);
    List<CheckpointOutline> checkpoints = reads.outline(traceId);
    ObjectNode layout = TreeLayout.of(checkpoints);
    String firstId = layout.get("nodes").get(0).get("id").textValue();
    CheckpointOutline root =
        checkpoints.stream()
            .filter(checkpoint -> checkpoint.id().equals(firstId))
            .findFirst()
            .orElseThrow();
    long start = Long.parseLong(layout.get("start").textValue());
    List<String> services = new ArrayList<>();
    layout.get("services").forEach(service -> services.add(service.textValue()));
    int errors = (int) checkpoints.stream().filter(CheckpointOutline::failed).count();
    String nodesJson;
    try {
      nodesJson = Payloads.MAPPER.writeValueAsString(layout);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    UiRender.page(
        ctx,
        "tree.jte",
        new TreePage(
            traceId,
            root.name(),
            root.runId(),
            checkpoints.size(),
            errors,
            services,
            Format.timeNanos(start),
            Format.duration(layout.get("span").longValue()),
            nodesJson));
  }

  void checkpoint(Context ctx) {
    UiRender.page(ctx, "checkpoint.jte", CheckpointViews.page(find(ctx)));
  }

  /** Everything recorded of one checkpoint, as JSON, for the tree page's preview. */
  void checkpointData(Context ctx) {
    UiRender.secure(ctx);
    ctx.contentType("application/json").result(WireCheckpoints.full(find(ctx)).toString());
  }

  private Checkpoint find(Context ctx) {
    String traceId = traceId(ctx);
    String id = ctx.pathParam("checkpointId");
    if (!CheckpointId.isValid(id)) {
      throw UiException.badRequest(
          "A checkpoint id must be " + CheckpointId.RULE + ", such as b7ad6b7169203331.");
    }
    return store
        .checkpoint(traceId, id)
        .orElseThrow(
            () -> UiException.notFound("No checkpoint " + id + " in trace " + traceId + "."));
  }

  static String traceId(Context ctx) {
    String traceId = ctx.pathParam("traceId");
    if (!TraceId.isValid(traceId)) {
      throw UiException.badRequest(
          "A trace id must be " + TraceId.RULE + ", such as 0af7651916cd43dd8448eb211c80319c.");
    }
    return traceId;
  }
}
