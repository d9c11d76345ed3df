package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.Kind;
import dev.checkpoint.assets.FirstDivergence;
import dev.checkpoint.server.internal.ops.RetentionJob;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.JdbcCheckpointStore;
import dev.checkpoint.server.internal.storage.RunUpdate;
import dev.checkpoint.server.internal.storage.StorageSettings;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.MutableClock;
import dev.checkpoint.server.testing.TestServers;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsTest {
  @TempDir Path directory;

  @Test
  void healthChecksTheDatabase() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      HttpResponse<String> health = new Http(server.port()).get("/health");

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(Http.json(health).get("database").asText()).isEqualTo("UP");
    }
  }

  @Test
  void metricsCountIngestedAndRejectedBatches() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      Http http = new Http(server.port());
      http.postBatch(batch("shop", checkpoint("a000000000000001", null, "METHOD", "m", 0)));
      http.post("/api/v1/checkpoints", Batches.utf8("{"), Http.withJson());

      String metrics = http.get("/metrics").body();

      assertThat(metrics)
          .contains("checkpoint_ingested_total 1.0")
          .contains("checkpoint_batches_rejected_total{reason=\"invalid_json\"} 1.0")
          .contains("checkpoint_batch_duration_seconds_count 1")
          .contains(
              "checkpoint_db_pool_connections{pool=\"checkpoint-sqlite-writer\",state=\"max\"} 1.0");
    }
  }

  @Test
  void aGivenRequestIdIsEchoed() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      HttpResponse<String> response =
          new Http(server.port()).get("/health", "X-Request-Id", "req-42");

      assertThat(response.headers().firstValue("X-Request-Id")).contains("req-42");
    }
  }

  @Test
  void theOpenApiDocumentDescribesExactlyTheRoutes() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      JsonNode document = Http.json(new Http(server.port()).get("/api/v1/openapi.json"));
      Set<String> documented = new TreeSet<>();
      Iterator<String> paths = document.get("paths").fieldNames();
      while (paths.hasNext()) {
        String path = paths.next();
        document
            .get("paths")
            .get(path)
            .fieldNames()
            .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path));
      }

      assertThat(documented).isEqualTo(new TreeSet<>(server.routes()));
      assertThat(document.at("/components/schemas/Kind/enum"))
          .extracting(JsonNode::asText)
          .containsExactly(Arrays.stream(Kind.values()).map(Kind::name).toArray(String[]::new));
      assertThat(document.at("/components/schemas/FirstDivergence/properties/side/enum"))
          .extracting(JsonNode::asText)
          .containsExactly(
              Arrays.stream(FirstDivergence.Side.values())
                  .map(side -> side.name().toLowerCase(Locale.ROOT))
                  .toArray(String[]::new));
      assertThat(
              document.at(
                  "/components/schemas/FirstDivergence/properties/cause/oneOf/0/properties/reason/enum"))
          .extracting(JsonNode::asText)
          .containsExactly(
              Arrays.stream(FirstDivergence.Reason.values())
                  .map(reason -> reason.name().toLowerCase(Locale.ROOT))
                  .toArray(String[]::new));
      assertThat(document.get("openapi").asText()).startsWith("3.");
    }
  }

  @Test
  void closeFinishesBatchesInFlightAndEveryAcknowledgedOneIsStored() throws Exception {
    CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build());
    // A request that reaches the closing connector may never be answered: give up on it soon.
    Http http = new Http(server.port(), Duration.ofSeconds(2));
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<List<String>>> results = new ArrayList<>();
    for (int client = 0; client < 4; client++) {
      int c = client;
      results.add(
          clients.submit(
              () -> {
                List<String> acknowledged = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                  String id = String.format("%x%015x", c + 1, i + 1);
                  try {
                    HttpResponse<String> response =
                        http.postBatch(batch("shop", checkpoint(id, null, "METHOD", "m", i)));
                    if (response.statusCode() == 200) {
                      acknowledged.add(id);
                    } else {
                      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                      assertThat(Http.json(response).get("error").asText())
                          .isEqualTo("shutting_down");
                    }
                  } catch (UncheckedIOException refusedAfterStop) {
                    break;
                  }
                }
                return acknowledged;
              }));
    }
    Thread.sleep(300);
    server.close();
    List<String> acknowledged = new ArrayList<>();
    for (Future<List<String>> result : results) {
      acknowledged.addAll(result.get(30, TimeUnit.SECONDS));
    }
    clients.shutdownNow();

    try (JdbcCheckpointStore store =
        JdbcCheckpointStore.open(
            new StorageSettings(
                "jdbc:sqlite:" + directory.resolve("checkpoint.db"), null, null, null, 1, "NORMAL"),
            Clock.systemUTC())) {
      assertThat(acknowledged).isNotEmpty();
      assertThat(store.trace(Batches.TRACE)).extracting(Checkpoint::id).containsAll(acknowledged);
    }
  }

  @Test
  void closeWaitsUntilTheResponseBeingWrittenIsComplete() throws Exception {
    CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build());
    try {
      ObjectNode large = checkpoint("b000000000000001", null, "METHOD", "m", 0);
      // More than the socket buffers of both ends hold: the server is still writing the answer
      // while the client reads nothing.
      int bodyChars = 12 << 20;
      large.putObject("output").put("body", "x".repeat(bodyChars));
      assertThat(new Http(server.port()).postBatch(batch("shop", large)).statusCode())
          .isEqualTo(200);
      CompletableFuture<Void> closing;
      String answer;
      try (Socket socket = new Socket()) {
        socket.setReceiveBufferSize(4096);
        socket.setSoTimeout(20_000);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        socket
            .getOutputStream()
            .write(
                ("GET /api/v1/traces/"
                        + Batches.TRACE
                        + "/checkpoints/b000000000000001 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        // Javalin writes the answer once the endpoint has returned: from its first bytes on, the
        // endpoint is done and only the writing is under way.
        byte[] statusLine = in.readNBytes(12);
        closing = CompletableFuture.runAsync(server::close);

        assertThatThrownBy(() -> closing.get(1, TimeUnit.SECONDS))
            .as("close() returned while a response was still being written")
            .isInstanceOf(TimeoutException.class);
        answer =
            new String(statusLine, StandardCharsets.US_ASCII)
                + new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      }
      closing.get(30, TimeUnit.SECONDS);

      assertThat(answer).startsWith("HTTP/1.1 200");
      // The answer has no Content-Length: only a complete JSON body shows that nothing was cut.
      String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      assertThat(Batches.MAPPER.readTree(body).at("/output/body").asText()).hasSize(bodyChars);
    } finally {
      server.close();
    }
  }

  @Test
  void retentionDeletesRunsOlderThanConfigured() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    try (JdbcCheckpointStore store =
            JdbcCheckpointStore.open(
                new StorageSettings(
                    "jdbc:sqlite:" + directory.resolve("r.db"), null, null, null, 1, "NORMAL"),
                clock);
        RetentionJob job = RetentionJob.start(store, 7, clock)) {
      store.upsertRun(new RunUpdate("old", null, null, null, null, false));
      clock.advance(Duration.ofDays(8));
      store.upsertRun(new RunUpdate("new", null, null, null, null, false));

      assertThat(job.runOnce()).isEqualTo(1);
      assertThat(store.run("old")).isEmpty();
      assertThat(store.run("new")).isPresent();
    }
  }
}
