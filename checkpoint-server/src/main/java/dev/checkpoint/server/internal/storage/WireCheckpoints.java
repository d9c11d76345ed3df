package dev.checkpoint.server.internal.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * Stored checkpoints in the checkpoint wire format (DESIGN.md), as the query API answers them and
 * as the assets library links them into trees. Field names follow the ingestion format.
 */
public final class WireCheckpoints {
  private static final ObjectMapper MAPPER = StoredJson.MAPPER;

  private WireCheckpoints() {}

  /** A checkpoint without its payloads, for lists. */
  public static ObjectNode summary(Checkpoint checkpoint) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", checkpoint.id());
    node.put("traceId", checkpoint.traceId());
    node.put("parentId", checkpoint.parentId());
    node.put("runId", checkpoint.runId());
    node.put("service", checkpoint.service());
    node.put("instance", checkpoint.instance());
    node.put("kind", checkpoint.kind());
    node.put("name", checkpoint.name());
    node.put("startTimeUnixNano", Long.toString(checkpoint.startNanos()));
    node.put("endTimeUnixNano", Long.toString(checkpoint.endNanos()));
    node.put("durationNanos", checkpoint.endNanos() - checkpoint.startNanos());
    node.put("thread", checkpoint.thread());
    node.set("error", stored(checkpoint.error()));
    return node;
  }

  /** A checkpoint with everything recorded. */
  public static ObjectNode full(Checkpoint checkpoint) {
    ObjectNode node = summary(checkpoint);
    node.set("input", stored(checkpoint.input()));
    node.set("output", stored(checkpoint.output()));
    node.set("attributes", stored(checkpoint.attributes()));
    node.set("truncated", stored(checkpoint.truncated()));
    node.set("redacted", stored(checkpoint.redacted()));
    node.put("batchId", checkpoint.batchId());
    return node;
  }

  /** Parses JSON text that the server stored itself, after validating it. */
  public static JsonNode stored(String text) {
    if (text == null) {
      return MAPPER.nullNode();
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Stored JSON is unreadable; the database was changed", e);
    }
  }
}
