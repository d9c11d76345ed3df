package dev.checkpoint.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds checkpoints of one service and trace in the wire format, for synthetic trees. */
final class WireCheckpoints {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String service;

  WireCheckpoints(String service) {
    this.service = service;
  }

  /**
   * One checkpoint.
   *
   * @param start its start, in microseconds after a fixed instant
   */
  ObjectNode of(
      String id,
      String parentId,
      String kind,
      String name,
      long start,
      JsonNode input,
      JsonNode output) {
    ObjectNode checkpoint = MAPPER.createObjectNode();
    checkpoint.put("id", id);
    checkpoint.put("traceId", "0af7651916cd43dd8448eb211c80319c");
    checkpoint.put("parentId", parentId);
    checkpoint.put("service", service);
    checkpoint.put("kind", kind);
    checkpoint.put("name", name);
    checkpoint.put("startTimeUnixNano", Long.toString(1_763_900_000_000_000_000L + start * 1000));
    checkpoint.set("input", input);
    checkpoint.set("output", output);
    return checkpoint;
  }
}
