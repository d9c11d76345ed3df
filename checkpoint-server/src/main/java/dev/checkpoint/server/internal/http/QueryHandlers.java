package dev.checkpoint.server.internal.http;

import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointQuery;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.WireCheckpoints;
import dev.checkpoint.server.internal.trees.TreeReads;
import io.javalin.http.Context;
import java.util.List;

/** Trees, single checkpoints and search. */
final class QueryHandlers {
  private static final int MIN_TEXT = 3;

  private final CheckpointStore store;
  private final TreeReads reads;

  QueryHandlers(CheckpointStore store, TreeReads reads) {
    this.store = store;
    this.reads = reads;
  }

  /** {@code GET /api/v1/traces/{traceId}}: the whole tree, nested. */
  void tree(Context ctx) {
    String traceId = Params.traceId(ctx);
    reads.reading(
        budget -> {
          Json.send(ctx, 200, TreeAssembler.nested(traceId, budget.load(traceId), reads));
          return null;
        });
  }

  /**
   * {@code GET /api/v1/traces/{traceId}/checkpoints}: the whole tree as a flat list in depth-first
   * order, each checkpoint as ingested, for clients that link trees themselves.
   */
  void checkpoints(Context ctx) {
    String traceId = Params.traceId(ctx);
    reads.reading(
        budget -> {
          Json.send(ctx, 200, TreeAssembler.flat(traceId, budget.load(traceId)));
          return null;
        });
  }

  /** {@code GET /api/v1/traces/{traceId}/outline}: the tree's shape without payloads. */
  void outline(Context ctx) {
    String traceId = Params.traceId(ctx);
    Json.send(ctx, 200, TreeAssembler.outline(traceId, reads.outline(traceId)));
  }

  /** {@code GET /api/v1/traces/{traceId}/summary}: counts of what has arrived, by kind. */
  void summary(Context ctx) {
    String traceId = Params.traceId(ctx);
    Json.send(
        ctx, 200, Views.counts(store.traceCounts(traceId).orElseThrow(() -> noTrace(traceId))));
  }

  private static ApiException noTrace(String traceId) {
    return ApiException.notFound("No checkpoint of trace " + traceId + " is stored");
  }

  /** {@code GET /api/v1/traces/{traceId}/checkpoints/{checkpointId}}: with input and output. */
  void checkpoint(Context ctx) {
    String traceId = Params.traceId(ctx);
    String id = Params.checkpointId(ctx);
    Checkpoint checkpoint =
        store
            .checkpoint(traceId, id)
            .orElseThrow(
                () -> ApiException.notFound("No checkpoint " + id + " in trace " + traceId));
    Json.send(ctx, 200, WireCheckpoints.full(checkpoint));
  }

  /** {@code GET /api/v1/checkpoints}: newest first, without payloads. */
  void search(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    String kind = Params.kind(ctx);
    String text = Params.text(ctx, "text");
    if (text != null && text.codePointCount(0, text.length()) < MIN_TEXT) {
      throw ApiException.badRequest(
          "invalid_parameter",
          "text must be at least " + MIN_TEXT + " characters: shorter text matches everything",
          "text");
    }
    CheckpointQuery query =
        new CheckpointQuery(
            Params.text(ctx, "runId"),
            Params.text(ctx, "service"),
            kind,
            Params.text(ctx, "name"),
            Params.unixNanos(ctx, "from"),
            Params.unixNanos(ctx, "to"),
            text);
    List<Checkpoint> found = store.search(query, page.fetch(), page.offset());
    Json.send(ctx, 200, page.page(found.stream().map(Views::summary).toList()));
  }
}
