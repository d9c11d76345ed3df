package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid JSON that databases and number types cannot hold as they are: U+0000, lone surrogates and
 * numbers beyond a double's range. Every database answers the same, never with a 5xx, and an error
 * never shows SQL or a recorded value. Each database's test runs this suite.
 */
abstract class ExtremeValuesContract {
  private static final String SECRET = "kept-out-of-errors-4711";

  private CheckpointServer server;
  Http http;

  /** A server on the database under test, with tables of its own. */
  abstract CheckpointServer start() throws Exception;

  /** Removes the checkpoints table under the running server, so that every write fails. */
  abstract void dropCheckpointsTable() throws Exception;

  @BeforeEach
  void startServer() throws Exception {
    server = start();
    http = new Http(server.port());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  static Stream<Arguments> nulFields() {
    return Stream.<Arguments>of(
        nul("checkpoints[0].name", b -> first(b).put("name", "order\u0000")),
        nul("checkpoints[0].service", b -> first(b).put("service", "shop\u0000")),
        nul("checkpoints[0].thread", b -> first(b).put("thread", "\u0000worker")),
        nul("batchId", b -> b.put("batchId", "batch\u0000")),
        nul("resource.instance", b -> ((ObjectNode) b.get("resource")).put("instance", "h\u0000")),
        nul("resource.service", b -> ((ObjectNode) b.get("resource")).put("service", "s\u0000")),
        nul("checkpoints[0].name", b -> first(b).put("name", "lone \ud800 surrogate")));
  }

  private static Arguments nul(String path, Consumer<ObjectNode> breakIt) {
    return Arguments.of(path, breakIt);
  }

  private static ObjectNode first(ObjectNode batch) {
    return (ObjectNode) batch.get("checkpoints").get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nulFields")
  void textThatCannotBeStoredIsA400NamingTheField(String path, Consumer<ObjectNode> breakIt) {
    ObjectNode bad = batch("shop", checkpoint("a000000000000001", null, "METHOD", "order", 0));
    breakIt.accept(bad);

    HttpResponse<String> refused = http.postBatch(bad);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode error = Http.json(refused);
    assertThat(error.path("error").asText()).isEqualTo("invalid_field");
    assertThat(error.path("path").asText()).isEqualTo(path);
    assertThat(error.path("detail").asText()).contains(path).containsPattern("U\\+(0000|D800)");
    assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
    assertThat(
            http.postBatch(batch("shop", checkpoint("a000000000000001", null, "METHOD", "o", 0))))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);
  }

  @Test
  void aRunNameWithNulIsA400() {
    HttpResponse<String> refused = http.postJson("/api/v1/runs", "{\"name\":\"nightly\\u0000\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Http.json(refused).path("path").asText()).isEqualTo("name");
    HttpResponse<String> label =
        http.postJson("/api/v1/runs", "{\"labels\":{\"branch\":\"main\\u0000\"}}");
    assertThat(label.statusCode()).isEqualTo(400);
    assertThat(Http.json(label).path("path").asText()).isEqualTo("labels.branch");
  }

  @Test
  void payloadsKeepNulAndLoneSurrogatesAsReceived() {
    ObjectNode checkpoint = checkpoint("a000000000000001", null, "METHOD", "order", 0);
    ((ObjectNode) checkpoint.get("input")).put("note", "a\u0000b \ud800");
    assertThat(http.postBatch(batch("shop", checkpoint)).statusCode()).isEqualTo(200);

    JsonNode stored =
        Http.json(http.get("/api/v1/traces/" + Batches.TRACE + "/checkpoints/a000000000000001"));
    assertThat(stored.at("/input/note").asText()).isEqualTo("a\u0000b \ud800");
  }

  @Test
  void searchingForNulIsA400NotAnOutage() {
    http.postBatch(batch("shop", checkpoint("a000000000000001", null, "METHOD", "order", 0)));

    HttpResponse<String> api = http.get("/api/v1/checkpoints?text=ab%00cd");
    assertThat(api.statusCode()).as(api.body()).isEqualTo(400);
    assertThat(Http.json(api).path("error").asText()).isEqualTo("invalid_parameter");
    assertThat(Http.json(api).path("path").asText()).isEqualTo("text");
    assertThat(http.get("/api/v1/checkpoints?name=%00").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/runs?name=%00").statusCode()).isEqualTo(400);

    HttpResponse<String> page = http.get("/ui/search?text=ab%00cd");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("U+0000");
    assertThat(http.get("/api/v1/checkpoints?text=order").statusCode()).isEqualTo(200);
  }

  @Test
  void numbersBeyondADoubleStayExactOnEveryPath() {
    String body =
        "{\"batchId\":\"b1\",\"resource\":{\"service\":\"shop\"},\"checkpoints\":["
            + exact("a000000000000001", "\"2e400\"")
            + ","
            + exact("b000000000000001", "1")
            + "]}";
    // Two trees with one difference: the second's total.
    HttpResponse<String> ingested =
        http.post(
            "/api/v1/checkpoints",
            Batches.utf8(body.replace("\"2e400\"", "2e400")),
            Http.withJson());
    assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);

    HttpResponse<String> one =
        http.get("/api/v1/traces/" + trace('a') + "/checkpoints/a000000000000001");
    assertThat(one.body())
        .contains("\"amount\":1E+400", "\"price\":12.500", "\"big\":123456789012345678901234567890")
        .doesNotContain("Infinity");
    HttpResponse<String> nested = http.get("/api/v1/traces/" + trace('a'));
    assertThat(nested.body()).contains("1E+400").doesNotContain("Infinity");

    HttpResponse<String> export = http.get("/api/v1/export?trace=" + trace('a'));
    assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    assertThat(export.body()).contains("1E+400", "12.500").doesNotContain("Infinity");

    HttpResponse<String> diff =
        http.get("/api/v1/diff?trace=" + trace('a') + "&trace=" + trace('b'));
    assertThat(diff.statusCode()).as(diff.body()).isEqualTo(200);
    assertThat(diff.body()).contains("2E+400").doesNotContain("Infinity");
    assertThat(Http.json(diff).path("equal").asBoolean()).isFalse();

    assertThat(http.get("/ui/traces/" + trace('a') + "/checkpoints/a000000000000001").body())
        .contains("1E+400")
        .doesNotContain("Infinity");
  }

  /** A checkpoint whose output holds numbers a double cannot; its trace is named by its letter. */
  private static String exact(String id, String total) {
    return ("{\"id\":\"" + id + "\",\"traceId\":\"" + trace(id.charAt(0)) + "\",")
        + "\"kind\":\"METHOD\",\"name\":\"quote\","
        + "\"startTimeUnixNano\":\"1763900000000000000\",\"endTimeUnixNano\":\"1763900000001000000\","
        + "\"input\":{\"amount\":1e400,\"price\":12.500},"
        + ("\"output\":{\"big\":123456789012345678901234567890,\"total\":" + total + "}}");
  }

  private static String trace(char letter) {
    return String.valueOf(letter).repeat(32);
  }

  @Test
  void aDatabaseFailureShowsNeitherSqlNorRecordedValues() throws Exception {
    dropCheckpointsTable();
    ObjectNode checkpoint = checkpoint("a000000000000001", null, "METHOD", "order", 0);
    ((ObjectNode) checkpoint.get("input")).put("note", SECRET);

    HttpResponse<String> failed = http.postBatch(batch("shop", checkpoint));

    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(Http.json(failed).path("error").asText()).isEqualTo("storage_unavailable");
    assertThat(failed.body())
        .contains("SQL state", "the server's log has the details")
        .doesNotContainIgnoringCase("insert")
        .doesNotContain(SECRET, "checkpoints (");
  }
}
