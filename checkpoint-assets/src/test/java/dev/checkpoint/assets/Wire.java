package dev.checkpoint.assets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Builds wire-format checkpoints for tests. */
final class Wire {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  private Wire() {}

  static ObjectNode checkpoint(
      String id, String parentId, String service, String kind, String name, long start) {
    ObjectNode checkpoint = MAPPER.createObjectNode();
    checkpoint.put("id", id);
    checkpoint.put("traceId", TRACE);
    checkpoint.put("parentId", parentId);
    checkpoint.put("runId", "nightly-2026-11-23");
    checkpoint.put("service", service);
    checkpoint.put("kind", kind);
    checkpoint.put("name", name);
    checkpoint.put("startTimeUnixNano", Long.toString(1763900000000000000L + start));
    checkpoint.put("endTimeUnixNano", Long.toString(1763900000000000000L + start + 1000));
    checkpoint.put("thread", "worker-" + start);
    checkpoint.putObject("input");
    checkpoint.putObject("output");
    checkpoint.putNull("error");
    return checkpoint;
  }

  static ObjectNode method(String id, String parentId, String name, long start) {
    return checkpoint(id, parentId, "orders", "METHOD", name, start);
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
