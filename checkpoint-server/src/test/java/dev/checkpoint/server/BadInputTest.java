package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests, each with the status, error code and path it must get. None may get a 5xx,
 * and nothing of a rejected batch may be stored.
 */
class BadInputTest {
  @TempDir static Path directory;
  static CheckpointServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = CheckpointServer.start(TestServers.sqlite(directory).build());
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A request and what it must get. */
  record Case(
      String name,
      String method,
      String path,
      byte[] body,
      List<String> headers,
      int status,
      String error,
      String errorPath) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A batch of four valid checkpoints, of which the last is then broken. */
  static ObjectNode validBatch() {
    return batch(
        "shop",
        checkpoint("a000000000000001", null, "HTTP_SERVER", "orders", 0),
        checkpoint("a000000000000002", "a000000000000001", "SQL", "insert", 1),
        checkpoint("a000000000000003", "a000000000000001", "HTTP_CLIENT", "pay", 2),
        checkpoint("a000000000000004", "a000000000000003", "METHOD", "charge", 3));
  }

  static Case batchCase(String name, Consumer<ObjectNode> breakIt, String error, String path) {
    ObjectNode batch = validBatch();
    breakIt.accept(batch);
    return new Case(
        name,
        "POST",
        "/api/v1/checkpoints",
        Batches.json(batch),
        List.of("Content-Type", "application/json"),
        400,
        error,
        path);
  }

  static Case third(String name, Consumer<ObjectNode> breakIt, String error, String field) {
    return batchCase(
        name,
        batch -> breakIt.accept((ObjectNode) batch.get("checkpoints").get(3)),
        error,
        "checkpoints[3]" + (field.isEmpty() ? "" : "." + field));
  }

  static Case raw(String name, String body, int status, String error) {
    return new Case(
        name,
        "POST",
        "/api/v1/checkpoints",
        Batches.utf8(body),
        List.of("Content-Type", "application/json"),
        status,
        error,
        null);
  }

  static Case query(String name, String path, String error, String errorPath) {
    return new Case(name, "GET", path, null, List.of(), 400, error, errorPath);
  }

  static Stream<Case> cases() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    return Stream.of(
        raw("truncated JSON", "{\"batchId\":", 400, "invalid_json"),
        raw("empty body", "", 400, "invalid_json"),
        raw("array instead of object", "[]", 400, "invalid_batch"),
        raw("trailing garbage", "{\"batchId\":\"b\",\"checkpoints\":[]} x", 400, "invalid_json"),
        new Case(
            "batchId twice",
            "POST",
            "/api/v1/checkpoints",
            Batches.utf8("{\"batchId\":\"b\",\"batchId\":\"c\",\"checkpoints\":[]}"),
            List.of("Content-Type", "application/json"),
            400,
            "duplicate_field",
            "batchId"),
        new Case(
            "checkpoint id twice",
            "POST",
            "/api/v1/checkpoints",
            Batches.utf8(
                "{\"batchId\":\"b\",\"checkpoints\":[{\"id\":\"a000000000000001\","
                    + "\"id\":\"a000000000000002\"}]}"),
            List.of("Content-Type", "application/json"),
            400,
            "duplicate_field",
            "checkpoints[0].id"),
        raw(
            "nesting 5000 deep",
            "{\"batchId\":\"b\",\"checkpoints\":[],\"x\":" + deep + "}",
            400,
            "invalid_json"),
        raw(
            "input nested 5000 deep",
            "{\"batchId\":\"b\",\"checkpoints\":[{\"id\":\"a000000000000001\",\"input\":"
                + deep
                + "}]}",
            400,
            "invalid_json"),
        new Case(
            "invalid UTF-8",
            "POST",
            "/api/v1/checkpoints",
            new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
            List.of("Content-Type", "application/json"),
            400,
            "invalid_utf8",
            null),
        new Case(
            "gzip header on plain JSON",
            "POST",
            "/api/v1/checkpoints",
            Batches.json(validBatch()),
            List.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
            400,
            "invalid_gzip",
            null),
        new Case(
            "unknown Content-Encoding",
            "POST",
            "/api/v1/checkpoints",
            Batches.json(validBatch()),
            List.of("Content-Type", "application/json", "Content-Encoding", "br"),
            415,
            "unsupported_encoding",
            null),
        new Case(
            "text/plain body",
            "POST",
            "/api/v1/checkpoints",
            Batches.json(validBatch()),
            List.of("Content-Type", "text/plain"),
            415,
            "unsupported_media_type",
            null),
        batchCase("batchId missing", b -> b.remove("batchId"), "missing_field", "batchId"),
        batchCase("batchId a number", b -> b.put("batchId", 7), "invalid_type", "batchId"),
        batchCase("batchId empty", b -> b.put("batchId", ""), "invalid_field", "batchId"),
        batchCase("resource a string", b -> b.put("resource", "shop"), "invalid_type", "resource"),
        batchCase(
            "resource.service a number",
            b -> ((ObjectNode) b.get("resource")).put("service", 1),
            "invalid_type",
            "resource.service"),
        batchCase(
            "checkpoints missing", b -> b.remove("checkpoints"), "missing_field", "checkpoints"),
        batchCase(
            "checkpoints an object",
            b -> b.putObject("checkpoints"),
            "invalid_type",
            "checkpoints"),
        batchCase(
            "checkpoint a string",
            b -> b.withArray("checkpoints").set(3, Batches.MAPPER.getNodeFactory().textNode("x")),
            "invalid_type",
            "checkpoints[3]"),
        batchCase(
            "no service anywhere",
            b -> ((ObjectNode) b.get("resource")).remove("service"),
            "invalid_field",
            "checkpoints[0].service"),
        third("id missing", c -> c.remove("id"), "missing_field", "id"),
        third("id upper case", c -> c.put("id", "A000000000000004"), "invalid_field", "id"),
        third("id 15 digits", c -> c.put("id", "a00000000000004"), "invalid_field", "id"),
        third("id all zero", c -> c.put("id", "0000000000000000"), "invalid_field", "id"),
        third("id a number", c -> c.put("id", 1234567890123456L), "invalid_type", "id"),
        third("traceId missing", c -> c.remove("traceId"), "missing_field", "traceId"),
        third(
            "traceId 31 digits",
            c -> c.put("traceId", "0af7651916cd43dd8448eb211c80319"),
            "invalid_field",
            "traceId"),
        third(
            "traceId all zero", c -> c.put("traceId", "0".repeat(32)), "invalid_field", "traceId"),
        third(
            "traceId not hex",
            c -> c.put("traceId", "0af7651916cd43dd8448eb211c80319g"),
            "invalid_field",
            "traceId"),
        third(
            "parentId all zero",
            c -> c.put("parentId", "0000000000000000"),
            "invalid_field",
            "parentId"),
        third(
            "parentId is its own id",
            c -> c.put("parentId", "a000000000000004"),
            "invalid_field",
            "parentId"),
        third(
            "parentId 17 digits",
            c -> c.put("parentId", "a0000000000000031"),
            "invalid_field",
            "parentId"),
        third("runId with a space", c -> c.put("runId", "nightly run"), "invalid_field", "runId"),
        third("runId with a slash", c -> c.put("runId", "a/b"), "invalid_field", "runId"),
        third("kind in lower case", c -> c.put("kind", "sql"), "invalid_field", "kind"),
        third("kind missing", c -> c.remove("kind"), "missing_field", "kind"),
        third("name empty", c -> c.put("name", ""), "invalid_field", "name"),
        third("name a number", c -> c.put("name", 42), "invalid_type", "name"),
        third("name too long", c -> c.put("name", "n".repeat(1025)), "invalid_field", "name"),
        third(
            "start a JSON number",
            c -> c.put("startTimeUnixNano", 1763900000123456789L),
            "invalid_type",
            "startTimeUnixNano"),
        third(
            "start a decimal fraction",
            c -> c.put("startTimeUnixNano", "1763900000.5"),
            "invalid_field",
            "startTimeUnixNano"),
        third(
            "start in milliseconds",
            c -> c.put("startTimeUnixNano", "1763900000123"),
            "invalid_field",
            "startTimeUnixNano"),
        third(
            "start past int64",
            c -> c.put("startTimeUnixNano", "9999999999999999999"),
            "invalid_field",
            "startTimeUnixNano"),
        third("end missing", c -> c.remove("endTimeUnixNano"), "missing_field", "endTimeUnixNano"),
        third(
            "end negative",
            c -> c.put("endTimeUnixNano", "-1"),
            "invalid_field",
            "endTimeUnixNano"),
        third(
            "end before start",
            c -> c.put("endTimeUnixNano", Long.toString(Batches.T0)),
            "invalid_field",
            "endTimeUnixNano"),
        third("thread a number", c -> c.put("thread", 3), "invalid_type", "thread"),
        third("attributes an array", c -> c.putArray("attributes"), "invalid_type", "attributes"),
        third("error a string", c -> c.put("error", "boom"), "invalid_type", "error"),
        third(
            "error without type",
            c -> c.putObject("error").put("message", "boom"),
            "missing_field",
            "error.type"),
        third(
            "error stack of numbers",
            c -> c.putObject("error").put("type", "E").putArray("stack").add(1),
            "invalid_type",
            "error.stack[0]"),
        third(
            "truncated a string",
            c -> c.put("truncated", "output.body"),
            "invalid_type",
            "truncated"),
        third(
            "redacted with a number",
            c -> c.putArray("redacted").add(5),
            "invalid_type",
            "redacted[0]"),
        query(
            "search by unknown kind", "/api/v1/checkpoints?kind=FOO", "invalid_parameter", "kind"),
        query("limit zero", "/api/v1/checkpoints?limit=0", "invalid_parameter", "limit"),
        query("limit not a number", "/api/v1/runs?limit=ten", "invalid_parameter", "limit"),
        query("offset negative", "/api/v1/runs?offset=-1", "invalid_parameter", "offset"),
        query("text of two characters", "/api/v1/checkpoints?text=ab", "invalid_parameter", "text"),
        query(
            "from not a number", "/api/v1/checkpoints?from=yesterday", "invalid_parameter", "from"),
        query("malformed trace id", "/api/v1/traces/XYZ", "invalid_parameter", "traceId"),
        query(
            "malformed checkpoint id",
            "/api/v1/traces/0af7651916cd43dd8448eb211c80319c/checkpoints/xyz",
            "invalid_parameter",
            "checkpointId"),
        query(
            "label filter without colon", "/api/v1/runs?label=main", "invalid_parameter", "label"),
        new Case(
            "run labels an array",
            "POST",
            "/api/v1/runs",
            Batches.utf8("{\"name\":\"n\",\"labels\":[\"main\"]}"),
            List.of("Content-Type", "application/json"),
            400,
            "invalid_field",
            "labels"),
        new Case(
            "run label value a number",
            "POST",
            "/api/v1/runs",
            Batches.utf8("{\"labels\":{\"build\":42}}"),
            List.of("Content-Type", "application/json"),
            400,
            "invalid_type",
            "labels.build"),
        new Case(
            "run id with a space",
            "POST",
            "/api/v1/runs",
            Batches.utf8("{\"id\":\"my run\"}"),
            List.of("Content-Type", "application/json"),
            400,
            "invalid_field",
            "id"),
        new Case(
            "run closed a string",
            "POST",
            "/api/v1/runs",
            Batches.utf8("{\"closed\":\"yes\"}"),
            List.of("Content-Type", "application/json"),
            400,
            "invalid_type",
            "closed"),
        new Case(
            "run body not JSON",
            "POST",
            "/api/v1/runs",
            Batches.utf8("name=x"),
            List.of("Content-Type", "application/json"),
            400,
            "invalid_json",
            null),
        new Case(
            "run body without Content-Type",
            "POST",
            "/api/v1/runs",
            Batches.utf8("{\"name\":\"n\"}"),
            List.of(),
            415,
            "unsupported_media_type",
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedWithItsStatusErrorAndPath(Case c) {
    String[] headers = c.headers().toArray(String[]::new);
    HttpResponse<String> response =
        switch (c.method()) {
          case "POST" -> http.post(c.path(), c.body(), headers);
          case "GET" -> http.get(c.path(), headers);
          default -> throw new IllegalArgumentException(c.method());
        };

    assertThat(response.statusCode()).as(response.body()).isLessThan(500).isEqualTo(c.status());
    JsonNode body = Http.json(response);
    assertThat(body.get("error").asText()).as(response.body()).isEqualTo(c.error());
    assertThat(body.get("path").isNull() ? null : body.get("path").asText())
        .as(response.body())
        .isEqualTo(c.errorPath());
    assertThat(body.get("detail").asText()).isNotBlank();
  }

  @Test
  void thereAreAtLeastThirtyCases() {
    assertThat(cases().count()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void nothingOfARejectedBatchIsStored() {
    cases()
        .filter(c -> c.method().equals("POST"))
        .forEach(c -> http.post(c.path(), c.body(), c.headers().toArray(String[]::new)));

    assertThat(Http.json(http.get("/api/v1/checkpoints")).get("items")).isEmpty();
    assertThat(Http.json(http.get("/api/v1/runs")).get("items")).isEmpty();
  }
}
