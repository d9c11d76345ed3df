package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.RunId;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestionApiTest {
  @TempDir Path directory;

  @Test
  void aBatchIsAcknowledgedWithCountsAndARetryIsCountedAsDuplicates() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      Http http = new Http(server.port());
      var batch =
          batch(
              "shop",
              checkpoint("a000000000000001", null, "HTTP_SERVER", "orders", 0),
              checkpoint("a000000000000002", "a000000000000001", "SQL", "insert", 1));

      HttpResponse<String> first = http.postBatch(batch);
      HttpResponse<String> retry = http.postBatch(batch);

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(Http.json(first).toString()).isEqualTo("{\"accepted\":2,\"duplicates\":0}");
      assertThat(first.headers().firstValue("X-Request-Id")).isPresent();
      assertThat(Http.json(retry).toString()).isEqualTo("{\"accepted\":0,\"duplicates\":2}");
    }
  }

  @Test
  void runIdsFollowTheOneRuleOfTheApi() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      Http http = new Http(server.port());
      var withAt = checkpoint("a000000000000001", null, "METHOD", "m", 0).put("runId", "build@1");
      var withUnderscore =
          checkpoint("a000000000000002", null, "METHOD", "m", 0).put("runId", "_x");

      HttpResponse<String> accepted = http.postBatch(batch("shop", withAt));
      HttpResponse<String> rejected = http.postBatch(batch("shop", withUnderscore));

      assertThat(accepted.statusCode()).isEqualTo(200);
      assertThat(rejected.statusCode()).isEqualTo(400);
      assertThat(Http.json(rejected).get("detail").asText())
          .isEqualTo("checkpoints[0].runId must be " + RunId.RULE);
    }
  }

  @Test
  void gzipBatchesAreAccepted() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      byte[] body =
          Batches.gzip(
              Batches.json(batch("shop", checkpoint("a000000000000001", null, "METHOD", "m", 0))));

      HttpResponse<String> response =
          new Http(server.port())
              .post("/api/v1/checkpoints", body, Http.withJson("Content-Encoding", "gzip"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Http.json(response).get("accepted").asInt()).isEqualTo(1);
    }
  }

  @Test
  void payloadsAreStoredAsReceivedInUtf8AndAlsoInUtf16() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      Http http = new Http(server.port());
      String utf8 =
          new String(
              Batches.json(batch("shop", checkpoint("a000000000000001", null, "METHOD", "m", 0))),
              StandardCharsets.UTF_8);
      String spaced = utf8.replace("\"input\":{", "\"input\": { \"note\": \"Grüße 1.50\", ");
      String utf16 = utf8.replace("a000000000000001", "a000000000000002").replace("/m", "/utf16");

      assertThat(
              http.post("/api/v1/checkpoints", Batches.utf8(spaced), Http.withJson()).statusCode())
          .isEqualTo(200);
      assertThat(
              http.post(
                      "/api/v1/checkpoints",
                      utf16.getBytes(StandardCharsets.UTF_16BE),
                      Http.withJson())
                  .statusCode())
          .isEqualTo(200);

      String path = "/api/v1/traces/" + Batches.TRACE + "/checkpoints/";
      JsonNode first = Http.json(http.get(path + "a000000000000001"));
      assertThat(first.at("/input/note").asText()).isEqualTo("Grüße 1.50");
      assertThat(first.at("/input/body/amount").toString()).isEqualTo("12.5");
      assertThat(Http.json(http.get(path + "a000000000000002")).at("/input/path").asText())
          .isEqualTo("/utf16");
    }
  }

  @Test
  void bodiesOverTheLimitAndGzipBombsAreRefusedWith413() {
    try (CheckpointServer server =
        CheckpointServer.start(
            TestServers.sqlite(directory)
                .maxBodyBytes(10_000)
                .maxDecompressedBytes(100_000)
                .build())) {
      Http http = new Http(server.port());
      byte[] large = new byte[20_000];
      Arrays.fill(large, (byte) ' ');
      // Whitespace is valid JSON, so only the decompressed-size limit can stop this one.
      byte[] spaces = new byte[5_000_000];
      Arrays.fill(spaces, (byte) ' ');
      byte[] bomb = Batches.gzip(spaces);

      HttpResponse<String> tooLarge = http.post("/api/v1/checkpoints", large, Http.withJson());
      HttpResponse<String> bombed =
          http.post("/api/v1/checkpoints", bomb, Http.withJson("Content-Encoding", "gzip"));

      assertThat(bomb.length).isLessThan(10_000);
      assertThat(tooLarge.statusCode()).isEqualTo(413);
      assertThat(Http.json(tooLarge).get("error").asText()).isEqualTo("payload_too_large");
      assertThat(bombed.statusCode()).isEqualTo(413);
      assertThat(Http.json(bombed).get("detail").asText()).contains("decompressed body");
    }
  }

  @Test
  void tokensSeparateWritingFromQuerying() {
    try (CheckpointServer server =
        CheckpointServer.start(
            TestServers.sqlite(directory)
                .host("127.0.0.1")
                .ingestTokens(Set.of("ingest-secret"))
                .readTokens(Set.of("read-secret"))
                .build())) {
      Http http = new Http(server.port());
      var batch = batch("shop", checkpoint("a000000000000001", null, "METHOD", "m", 0));

      HttpResponse<String> anonymous = http.postBatch(batch);
      HttpResponse<String> unknown = http.postBatch(batch, "Authorization", "Bearer nope");
      HttpResponse<String> reader = http.postBatch(batch, "Authorization", "Bearer read-secret");
      HttpResponse<String> ingester =
          http.postBatch(batch, "Authorization", "Bearer ingest-secret");
      HttpResponse<String> queryByIngester =
          http.get("/api/v1/runs", "Authorization", "Bearer ingest-secret");
      HttpResponse<String> queryByReader =
          http.get("/api/v1/runs", "Authorization", "Bearer read-secret");

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(unknown.statusCode()).isEqualTo(401);
      assertThat(reader.statusCode()).isEqualTo(403);
      assertThat(Http.json(reader).get("detail").asText()).contains("ingest token");
      assertThat(ingester.statusCode()).isEqualTo(200);
      assertThat(queryByIngester.statusCode()).isEqualTo(403);
      assertThat(queryByReader.statusCode()).isEqualTo(200);
      assertThat(http.get("/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void clientsOverTheRateLimitGet429WithRetryAfter() {
    try (CheckpointServer server =
        CheckpointServer.start(TestServers.sqlite(directory).ingestRatePerSecond(2).build())) {
      Http http = new Http(server.port());
      var batch = batch("shop", checkpoint("a000000000000001", null, "METHOD", "m", 0));

      int limited = 0;
      HttpResponse<String> last = null;
      for (int i = 0; i < 6; i++) {
        last = http.postBatch(batch);
        if (last.statusCode() == 429) {
          limited++;
        }
      }

      assertThat(limited).isGreaterThanOrEqualTo(3);
      assertThat(last.statusCode()).isEqualTo(429);
      assertThat(last.headers().firstValue("Retry-After")).contains("1");
      assertThat(Http.json(last).get("error").asText()).isEqualTo("rate_limited");
    }
  }

  @Test
  void aFailingDatabaseAnswers503WithoutAStackTrace() throws Exception {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      try (Connection connection =
              DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("checkpoint.db"));
          Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE checkpoints");
      }

      HttpResponse<String> response =
          new Http(server.port())
              .postBatch(batch("shop", checkpoint("a000000000000001", null, "METHOD", "m", 0)));

      assertThat(response.statusCode()).isEqualTo(503);
      JsonNode body = Http.json(response);
      assertThat(body.get("error").asText()).isEqualTo("storage_unavailable");
      assertThat(body.get("detail").asText()).contains("Check that it is running");
      assertThat(response.body()).doesNotContain("\tat ").doesNotContain("Exception:");
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }
  }
}
