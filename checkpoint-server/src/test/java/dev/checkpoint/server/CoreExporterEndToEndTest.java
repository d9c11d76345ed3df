package dev.checkpoint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.model.ErrorData;
import dev.checkpoint.core.model.Ids;
import dev.checkpoint.core.model.Payload;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core HTTP batch exporter of two services sends one trace; the server returns it whole. */
class CoreExporterEndToEndTest {
  private static final long T0 = 1_763_900_000_000_000_000L;

  @TempDir Path directory;

  private static CheckpointData checkpoint(
      String traceId,
      String id,
      String parentId,
      String service,
      Kind kind,
      String name,
      int at,
      String output,
      ErrorData error) {
    long start = T0 + at * 1_000_000L;
    return new CheckpointData(
        id,
        traceId,
        parentId,
        "e2e-run",
        service,
        kind,
        name,
        start,
        start + 500_000L,
        "worker-1",
        Payload.ofJson("{\"name\":\"" + name + "\"}"),
        Payload.ofJson(output),
        error,
        Payload.EMPTY_OBJECT,
        List.of(),
        List.of());
  }

  @Test
  void checkpointsOfTwoServicesFormOneTree() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      URI endpoint = URI.create("http://127.0.0.1:" + server.port());
      String trace = Ids.newTraceId();
      String edge = Ids.newCheckpointId();
      String call = Ids.newCheckpointId();
      String payment = Ids.newCheckpointId();
      CheckpointExporter shop = CheckpointExporter.http(endpoint).service("shop").build();
      CheckpointExporter payments = CheckpointExporter.http(endpoint).service("payments").build();
      try {
        // The callee's checkpoints are exported before the caller's, as happens in practice.
        payments.export(
            checkpoint(
                trace,
                payment,
                call,
                "payments",
                Kind.HTTP_SERVER,
                "POST /payments",
                2,
                "{\"status\":201}",
                null));
        payments.export(
            checkpoint(
                trace,
                Ids.newCheckpointId(),
                payment,
                "payments",
                Kind.SQL,
                "insert into payments",
                3,
                "{\"updateCount\":1}",
                null));
        assertThat(payments.flush(Duration.ofSeconds(10))).isTrue();
        shop.export(
            checkpoint(
                trace,
                edge,
                null,
                "shop",
                Kind.HTTP_SERVER,
                "POST /orders",
                0,
                "{\"status\":500}",
                new ErrorData(
                    "java.lang.IllegalStateException",
                    "declined",
                    List.of(),
                    List.of(new ErrorData.Cause("java.io.IOException", "card service down")))));
        shop.export(
            checkpoint(
                trace,
                call,
                edge,
                "shop",
                Kind.HTTP_CLIENT,
                "POST payments/payments",
                1,
                "{\"status\":201}",
                null));
        assertThat(shop.flush(Duration.ofSeconds(10))).isTrue();
      } finally {
        shop.shutdown(Duration.ofSeconds(5));
        payments.shutdown(Duration.ofSeconds(5));
      }
      Http http = new Http(server.port());

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> http.get("/api/v1/traces/" + trace).statusCode() == 200);
      JsonNode tree = Http.json(http.get("/api/v1/traces/" + trace));

      assertThat(tree.get("checkpointCount").asInt()).isEqualTo(4);
      assertThat(tree.get("roots")).hasSize(1);
      JsonNode root = tree.get("roots").get(0);
      assertThat(root.get("id").asText()).isEqualTo(edge);
      assertThat(root.at("/error/message").asText()).isEqualTo("declined");
      assertThat(root.at("/error/causes/0/message").asText()).isEqualTo("card service down");
      JsonNode callee = root.at("/children/0/children/0");
      assertThat(callee.get("service").asText()).isEqualTo("payments");
      assertThat(callee.at("/output/status").asInt()).isEqualTo(201);
      assertThat(callee.at("/children/0/kind").asText()).isEqualTo("SQL");
      JsonNode run = Http.json(http.get("/api/v1/runs/e2e-run")).at("/trees/items/0");
      assertThat(run.get("serviceCount").asInt()).isEqualTo(2);
      assertThat(run.get("errorCount").asInt()).isEqualTo(1);
    }
  }
}
