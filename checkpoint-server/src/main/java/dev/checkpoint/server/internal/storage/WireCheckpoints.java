package dev.checkpoint.server.internal.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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

  /**
   * Writes the fields of {@link #full} into the object the generator is in, in the same order and
   * with the same values, without building a node per value: a tree of 1,000 checkpoints with 1 KiB
   * payloads took 0.6 s through nodes, most of it parsing each payload into nodes and writing them
   * again.
   */
  public static void writeFull(JsonGenerator json, Checkpoint checkpoint) throws IOException {
    json.writeStringField("id", checkpoint.id());
    json.writeStringField("traceId", checkpoint.traceId());
    json.writeStringField("parentId", checkpoint.parentId());
    json.writeStringField("runId", checkpoint.runId());
    json.writeStringField("service", checkpoint.service());
    json.writeStringField("instance", checkpoint.instance());
    json.writeStringField("kind", checkpoint.kind());
    json.writeStringField("name", checkpoint.name());
    json.writeStringField("startTimeUnixNano", Long.toString(checkpoint.startNanos()));
    json.writeStringField("endTimeUnixNano", Long.toString(checkpoint.endNanos()));
    json.writeNumberField("durationNanos", checkpoint.endNanos() - checkpoint.startNanos());
    json.writeStringField("thread", checkpoint.thread());
    writeStored(json, "error", checkpoint.error());
    writeStored(json, "input", checkpoint.input());
    writeStored(json, "output", checkpoint.output());
    writeStored(json, "attributes", checkpoint.attributes());
    writeStored(json, "truncated", checkpoint.truncated());
    writeStored(json, "redacted", checkpoint.redacted());
    json.writeStringField("batchId", checkpoint.batchId());
  }

  /**
   * Copies stored JSON text token by token, numbers as {@link #stored} reads them: integers as
   * integers and every decimal as a BigDecimal, never through a double.
   */
  private static void writeStored(JsonGenerator json, String field, String text)
      throws IOException {
    json.writeFieldName(field);
    if (text == null) {
      json.writeNull();
      return;
    }
    try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case VALUE_NUMBER_FLOAT -> json.writeNumber(parser.getDecimalValue());
          case VALUE_NUMBER_INT -> {
            switch (parser.getNumberType()) {
              case INT -> json.writeNumber(parser.getIntValue());
              case LONG -> json.writeNumber(parser.getLongValue());
              default -> json.writeNumber(parser.getBigIntegerValue());
            }
          }
          default -> json.copyCurrentEvent(parser);
        }
      }
    }
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
