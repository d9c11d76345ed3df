package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointOutline;
import dev.checkpoint.server.internal.storage.Run;
import dev.checkpoint.server.internal.storage.TraceCounts;
import dev.checkpoint.server.internal.storage.TreeSummary;
import dev.checkpoint.server.internal.storage.WireCheckpoints;
import java.time.Instant;

/** The JSON shapes of the query API; field names follow the ingestion wire format. */
final class Views {
  private Views() {}

  /** A checkpoint without its payloads, for lists. */
  static ObjectNode summary(Checkpoint checkpoint) {
    return WireCheckpoints.summary(checkpoint);
  }

  /** A checkpoint's place in its tree, without payloads or error details. */
  static ObjectNode outline(CheckpointOutline checkpoint) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", checkpoint.id());
    node.put("parentId", checkpoint.parentId());
    node.put("runId", checkpoint.runId());
    node.put("service", checkpoint.service());
    node.put("kind", checkpoint.kind());
    node.put("name", checkpoint.name());
    node.put("startTimeUnixNano", Long.toString(checkpoint.startNanos()));
    node.put("endTimeUnixNano", Long.toString(checkpoint.endNanos()));
    node.put("durationNanos", checkpoint.endNanos() - checkpoint.startNanos());
    node.put("failed", checkpoint.failed());
    return node;
  }

  /** What has arrived of a trace, counted. */
  static ObjectNode counts(TraceCounts counts) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("traceId", counts.traceId());
    node.put("checkpointCount", counts.checkpointCount());
    node.put("errorCount", counts.errorCount());
    ObjectNode kinds = node.putObject("kinds");
    counts.byKind().forEach(kinds::put);
    counts.services().forEach(node.putArray("services")::add);
    node.put("startTimeUnixNano", Long.toString(counts.startNanos()));
    node.put("endTimeUnixNano", Long.toString(counts.endNanos()));
    return node;
  }

  static ObjectNode run(Run run) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", run.id());
    node.put("name", run.name());
    node.put("scenario", run.scenario());
    node.set("labels", WireCheckpoints.stored(run.labels()));
    node.put("startedAt", Instant.ofEpochMilli(run.startedAtMillis()).toString());
    node.put(
        "closedAt",
        run.closedAtMillis() == null
            ? null
            : Instant.ofEpochMilli(run.closedAtMillis()).toString());
    node.set("noise", WireCheckpoints.stored(run.noise()));
    return node;
  }

  static ObjectNode tree(TreeSummary tree) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("traceId", tree.traceId());
    node.set("root", tree.root() == null ? Json.MAPPER.nullNode() : summary(tree.root()));
    node.put("serviceCount", tree.serviceCount());
    node.put("checkpointCount", tree.checkpointCount());
    node.put("startTimeUnixNano", Long.toString(tree.startNanos()));
    node.put("endTimeUnixNano", Long.toString(tree.endNanos()));
    node.put("durationNanos", tree.endNanos() - tree.startNanos());
    node.put("errorCount", tree.errorCount());
    return node;
  }
}
