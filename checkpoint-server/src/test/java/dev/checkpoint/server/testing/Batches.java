package dev.checkpoint.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** Ingestion batches in the wire format, built as JSON trees so that tests can break them. */
public final class Batches {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  public static final long T0 = 1_763_900_000_000_000_000L;

  private Batches() {}

  public static ObjectNode batch(String service, ObjectNode... checkpoints) {
    ObjectNode batch = MAPPER.createObjectNode();
    batch.put("batchId", UUID.randomUUID().toString());
    ObjectNode resource = batch.putObject("resource");
    resource.put("service", service);
    resource.put("instance", "host-1:4711");
    resource.put("sdk", "checkpoint-java/0.1.0");
    ArrayNode items = batch.putArray("checkpoints");
    for (ObjectNode checkpoint : checkpoints) {
      items.add(checkpoint);
    }
    return batch;
  }

  /**
   * A valid checkpoint of {@link #TRACE} in run {@code run-1}, starting {@code offsetMillis} after
   * T0.
   */
  public static ObjectNode checkpoint(
      String id, String parentId, String kind, String name, long offsetMillis) {
    return checkpoint(TRACE, id, parentId, kind, name, offsetMillis);
  }

  public static ObjectNode checkpoint(
      String traceId, String id, String parentId, String kind, String name, long offsetMillis) {
    ObjectNode checkpoint = MAPPER.createObjectNode();
    checkpoint.put("id", id);
    checkpoint.put("traceId", traceId);
    checkpoint.put("parentId", parentId);
    checkpoint.put("runId", "run-1");
    checkpoint.put("kind", kind);
    checkpoint.put("name", name);
    long start = T0 + offsetMillis * 1_000_000;
    checkpoint.put("startTimeUnixNano", Long.toString(start));
    checkpoint.put("endTimeUnixNano", Long.toString(start + 2_000_000));
    checkpoint.put("thread", "http-worker-3");
    ObjectNode input = checkpoint.putObject("input");
    input.put("method", "POST");
    input.put("path", "/" + name);
    input.putObject("body").put("amount", 12.50);
    checkpoint.putObject("output").put("status", 201);
    checkpoint.putNull("error");
    checkpoint.putObject("attributes").put("http.route", "/" + name);
    checkpoint.putArray("truncated").add("output.body");
    checkpoint.putArray("redacted").add("input.headers.authorization");
    return checkpoint;
  }

  public static byte[] json(Object tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
