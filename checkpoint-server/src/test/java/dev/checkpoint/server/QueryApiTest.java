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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryApiTest {
  static final String OTHER_TRACE = "1bf7651916cd43dd8448eb211c80319d";

  @TempDir Path directory;
  CheckpointServer server;
  Http http;

  @BeforeEach
  void start() {
    server = CheckpointServer.start(TestServers.sqlite(directory).build());
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** shop calls payments; payments' checkpoints arrive first, in a batch of their own. */
  void postCrossServiceTree() {
    ObjectNode sql = checkpoint("c000000000000001", "b000000000000001", "SQL", "insert payment", 4);
    sql.putObject("output").putArray("rows").addObject().put("customer", "Ada Lovelace");
    ObjectNode failed = checkpoint("c000000000000002", "b000000000000001", "METHOD", "audit", 5);
    failed.putObject("error").put("type", "IllegalStateException").put("message", "closed");
    assertThat(
            http.postBatch(
                    batch(
                        "payments",
                        sql,
                        failed,
                        checkpoint(
                            "b000000000000001",
                            "a000000000000002",
                            "HTTP_SERVER",
                            "POST /payments",
                            3)))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            http.postBatch(
                    batch(
                        "shop",
                        checkpoint(
                            "a000000000000002",
                            "a000000000000001",
                            "HTTP_CLIENT",
                            "POST /payments",
                            2),
                        checkpoint("a000000000000001", null, "HTTP_SERVER", "POST /orders", 0),
                        checkpoint(
                            OTHER_TRACE,
                            "d000000000000001",
                            null,
                            "HTTP_SERVER",
                            "GET /orders",
                            10)))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aTreeIsAssembledAcrossServicesAndBatches() {
    postCrossServiceTree();

    JsonNode tree = Http.json(http.get("/api/v1/traces/" + Batches.TRACE));

    assertThat(tree.get("checkpointCount").asInt()).isEqualTo(5);
    assertThat(tree.get("services").toString()).isEqualTo("[\"payments\",\"shop\"]");
    JsonNode root = tree.get("roots").get(0);
    assertThat(tree.get("roots")).hasSize(1);
    assertThat(root.get("name").asText()).isEqualTo("POST /orders");
    JsonNode client = root.get("children").get(0);
    assertThat(client.get("kind").asText()).isEqualTo("HTTP_CLIENT");
    JsonNode server = client.get("children").get(0);
    assertThat(server.get("service").asText()).isEqualTo("payments");
    assertThat(server.get("children"))
        .extracting(n -> n.get("name").asText())
        .containsExactly("insert payment", "audit");
    assertThat(server.get("children").get(0).at("/output/rows/0/customer").asText())
        .isEqualTo("Ada Lovelace");
  }

  @Test
  void aTreeIsListedFlatWithPayloadsOutlinedWithoutThemAndCounted() {
    postCrossServiceTree();
    String base = "/api/v1/traces/" + Batches.TRACE;

    JsonNode flat = Http.json(http.get(base + "/checkpoints"));
    JsonNode outline = Http.json(http.get(base + "/outline"));
    JsonNode summary = Http.json(http.get(base + "/summary"));

    List<String> depthFirst =
        List.of("POST /orders", "POST /payments", "POST /payments", "insert payment", "audit");
    assertThat(flat.get("checkpoints"))
        .extracting(n -> n.get("name").asText())
        .isEqualTo(depthFirst);
    assertThat(flat.at("/checkpoints/3/output/rows/0/customer").asText()).isEqualTo("Ada Lovelace");
    assertThat(flat.at("/checkpoints/1").has("children")).isFalse();
    assertThat(outline.get("checkpoints"))
        .extracting(n -> n.get("name").asText())
        .isEqualTo(depthFirst);
    assertThat(outline.get("checkpoints"))
        .extracting(n -> n.get("depth").asInt())
        .containsExactly(0, 1, 2, 3, 3);
    assertThat(outline.get("checkpoints"))
        .extracting(n -> n.get("failed").asBoolean())
        .containsExactly(false, false, false, false, true);
    assertThat(outline.get("checkpoints"))
        .allSatisfy(n -> assertThat(n.has("input") || n.has("output") || n.has("error")).isFalse());
    assertThat(outline.get("checkpointCount").asInt()).isEqualTo(5);
    assertThat(summary.toString())
        .isEqualTo(
            "{\"traceId\":\""
                + Batches.TRACE
                + "\",\"checkpointCount\":5,\"errorCount\":1,"
                + "\"kinds\":{\"HTTP_CLIENT\":1,\"HTTP_SERVER\":2,\"METHOD\":1,\"SQL\":1},"
                + "\"services\":[\"payments\",\"shop\"],"
                + "\"startTimeUnixNano\":\""
                + Batches.T0
                + "\",\"endTimeUnixNano\":\""
                + (Batches.T0 + 7_000_000)
                + "\"}");
    for (String path : List.of("/checkpoints", "/outline", "/summary")) {
      HttpResponse<String> missing =
          http.get("/api/v1/traces/" + OTHER_TRACE.replace('1', '2') + path);
      assertThat(missing.statusCode()).as(path).isEqualTo(404);
      assertThat(http.get("/api/v1/traces/XYZ" + path).statusCode()).as(path).isEqualTo(400);
    }
  }

  @Test
  void aCheckpointWhoseParentHasNotArrivedIsAnOrphanRoot() {
    http.postBatch(
        batch("payments", checkpoint("c000000000000001", "b000000000000001", "SQL", "q", 4)));

    JsonNode root = Http.json(http.get("/api/v1/traces/" + Batches.TRACE)).get("roots").get(0);

    assertThat(root.get("id").asText()).isEqualTo("c000000000000001");
    assertThat(root.get("orphan").asBoolean()).isTrue();
  }

  @Test
  void aRunListsItsTreesWithSummaries() {
    postCrossServiceTree();

    JsonNode body = Http.json(http.get("/api/v1/runs/run-1"));

    assertThat(body.at("/run/id").asText()).isEqualTo("run-1");
    JsonNode trees = body.at("/trees/items");
    assertThat(trees).hasSize(2);
    JsonNode first = trees.get(0);
    assertThat(first.get("traceId").asText()).isEqualTo(Batches.TRACE);
    assertThat(first.at("/root/name").asText()).isEqualTo("POST /orders");
    assertThat(first.get("serviceCount").asInt()).isEqualTo(2);
    assertThat(first.get("checkpointCount").asInt()).isEqualTo(5);
    assertThat(first.get("errorCount").asInt()).isEqualTo(1);
    assertThat(first.get("durationNanos").asLong()).isEqualTo(7_000_000L);
    assertThat(Http.json(http.get("/api/v1/runs/run-1?limit=1")).at("/trees/nextOffset").asInt())
        .isEqualTo(1);
  }

  @Test
  void aCheckpointComesWithItsFullInputAndOutput() {
    postCrossServiceTree();

    JsonNode checkpoint =
        Http.json(http.get("/api/v1/traces/" + Batches.TRACE + "/checkpoints/a000000000000001"));

    assertThat(checkpoint.at("/input/body/amount").decimalValue()).isEqualByComparingTo("12.5");
    assertThat(checkpoint.at("/output/status").asInt()).isEqualTo(201);
    assertThat(checkpoint.at("/attributes/http.route").asText()).isEqualTo("/POST /orders");
    assertThat(checkpoint.get("startTimeUnixNano").asText()).isEqualTo(Long.toString(Batches.T0));
    assertThat(checkpoint.at("/redacted/0").asText()).isEqualTo("input.headers.authorization");
    assertThat(
            http.get("/api/v1/traces/" + Batches.TRACE + "/checkpoints/a00000000000000f")
                .statusCode())
        .isEqualTo(404);
    assertThat(http.get("/api/v1/traces/" + "f".repeat(32)).statusCode()).isEqualTo(404);
  }

  @Test
  void searchFiltersAndPages() {
    postCrossServiceTree();

    assertThat(names("/api/v1/checkpoints?service=payments&kind=SQL"))
        .containsExactly("insert payment");
    assertThat(names("/api/v1/checkpoints?text=ada%20LOVELACE")).containsExactly("insert payment");
    assertThat(names("/api/v1/checkpoints?name=orders"))
        .containsExactly("GET /orders", "POST /orders");
    assertThat(
            names(
                "/api/v1/checkpoints?from="
                    + (Batches.T0 + 3_000_000)
                    + "&to="
                    + (Batches.T0 + 5_000_000)))
        .containsExactly("insert payment", "POST /payments");
    JsonNode page = Http.json(http.get("/api/v1/checkpoints?limit=2&offset=2"));
    assertThat(page.get("items")).hasSize(2);
    assertThat(page.get("nextOffset").asInt()).isEqualTo(4);
    assertThat(
            Http.json(http.get("/api/v1/checkpoints?limit=2&offset=4")).get("nextOffset").isNull())
        .isTrue();
  }

  @Test
  void cacheCheckpointsAreStoredSummarisedAndFoundByKindAndKey() {
    ObjectNode get = checkpoint("c000000000000001", "a000000000000001", "CACHE", "GET", 2);
    get.putObject("input").put("command", "GET").putArray("keys").add("price:42");
    get.putObject("output").put("reply", "12.50");
    assertThat(
            http.postBatch(
                    batch(
                        "shop",
                        checkpoint("a000000000000001", null, "HTTP_SERVER", "GET /prices/42", 1),
                        get))
                .statusCode())
        .isEqualTo(200);

    assertThat(names("/api/v1/checkpoints?kind=CACHE")).containsExactly("GET");
    assertThat(names("/api/v1/checkpoints?kind=CACHE&text=price%3A42")).containsExactly("GET");
    JsonNode summary = Http.json(http.get("/api/v1/traces/" + Batches.TRACE + "/summary"));
    assertThat(summary.at("/kinds/CACHE").asInt()).isEqualTo(1);
    JsonNode stored =
        Http.json(http.get("/api/v1/traces/" + Batches.TRACE + "/checkpoints/c000000000000001"));
    assertThat(stored.get("kind").asText()).isEqualTo("CACHE");
    assertThat(stored.at("/output/reply").asText()).isEqualTo("12.50");
  }

  private List<String> names(String path) {
    HttpResponse<String> response = http.get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    Http.json(response).get("items").forEach(item -> names.add(item.get("name").asText()));
    return names;
  }

  @Test
  void runsAreCreatedClosedListedAndDeleted() {
    HttpResponse<String> created =
        http.postJson(
            "/api/v1/runs",
            "{\"id\":\"nightly-1\",\"name\":\"Nightly\",\"scenario\":\"checkout\","
                + "\"labels\":{\"branch\":\"main\",\"gitSha\":\"abc123\"}}");
    HttpResponse<String> closed =
        http.postJson("/api/v1/runs", "{\"id\":\"nightly-1\",\"closed\":true}");
    HttpResponse<String> generated = http.postJson("/api/v1/runs", "{\"name\":\"Manual\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(closed.statusCode()).isEqualTo(200);
    assertThat(Http.json(closed).get("closedAt").isNull()).isFalse();
    assertThat(Http.json(closed).at("/labels/gitSha").asText()).isEqualTo("abc123");
    assertThat(generated.statusCode()).isEqualTo(201);
    assertThat(runIds("/api/v1/runs?label=branch:main")).containsExactly("nightly-1");
    assertThat(runIds("/api/v1/runs?name=manual"))
        .containsExactly(Http.json(generated).get("id").asText());

    assertThat(http.delete("/api/v1/runs/nightly-1").statusCode()).isEqualTo(204);
    assertThat(http.delete("/api/v1/runs/nightly-1").statusCode()).isEqualTo(404);
    assertThat(http.get("/api/v1/runs/nightly-1").statusCode()).isEqualTo(404);
  }

  @Test
  void deletingARunDeletesItsTrees() {
    postCrossServiceTree();

    assertThat(http.delete("/api/v1/runs/run-1").statusCode()).isEqualTo(204);

    assertThat(http.get("/api/v1/traces/" + Batches.TRACE).statusCode()).isEqualTo(404);
  }

  private List<String> runIds(String path) {
    List<String> ids = new ArrayList<>();
    Http.json(http.get(path)).get("items").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  @Test
  void unknownRoutesGetJsonErrors() {
    HttpResponse<String> response = http.get("/api/v1/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("not_found");
  }
}
