package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.TraceId;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export as assets and the structural diff, through the API, with the runs' noise rules. */
class AssetApiTest {
  static final String FIRST = "1af7651916cd43dd8448eb211c80319c";
  static final String SECOND = "2af7651916cd43dd8448eb211c80319c";
  static final String THIRD = "3af7651916cd43dd8448eb211c80319c";

  @TempDir Path directory;
  CheckpointServer server;
  Http http;

  @BeforeEach
  void start() {
    server = CheckpointServer.start(TestServers.sqlite(directory).build());
    http = new Http(server.port());
    order(FIRST, "r1", "a", "by post");
    order(SECOND, "r2", "b", "by courier");
    order(THIRD, "r2", "c", "by drone");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** One order: the same calls each time, only the way of delivery differs. */
  void order(String trace, String run, String prefix, String eta) {
    ObjectNode root =
        checkpoint(trace, prefix + "000000000000001", null, "HTTP_SERVER", "order", 0);
    root.put("runId", run).putObject("output").put("status", 201).put("eta", eta);
    ObjectNode price =
        checkpoint(
            trace, prefix + "000000000000002", prefix + "000000000000001", "METHOD", "price", 1);
    price.put("runId", run).putObject("output").put("cents", 9000);
    assertThat(http.postBatch(batch("shop", root, price)).statusCode()).isEqualTo(200);
  }

  @Test
  void exportsATreeASubtreeARunAndAComponentAsAssets() throws IOException, InterruptedException {
    HttpResponse<String> tree = http.get("/api/v1/export?trace=" + FIRST);
    assertThat(tree.statusCode()).isEqualTo(200);
    assertThat(tree.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(tree.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"order.json\"");
    Asset asset = AssetFormat.read(tree.body(), "tree");
    assertThat(asset.flatten())
        .extracting(node -> node.key().toString())
        .containsExactly(
            "shop/HTTP_SERVER/order#0", "shop/HTTP_SERVER/order#0 > shop/METHOD/price#0");

    Asset subtree =
        AssetFormat.read(
            http.get("/api/v1/export?trace=" + FIRST + "&checkpoint=a000000000000002").body(),
            "subtree");
    assertThat(subtree.flatten()).extracting(node -> node.name()).containsExactly("price");

    Asset component =
        AssetFormat.read(
            http.get("/api/v1/export?run=r2&component=price&format=assets").body(), "component");
    assertThat(component.checkpoints()).hasSize(2);

    HttpResponse<byte[]> run =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/export?run=r2"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(run.statusCode()).isEqualTo(200);
    assertThat(run.headers().firstValue("Content-Type")).contains("application/zip");
    assertThat(zipEntries(run.body())).containsExactly("order.json", "order-2.json");
  }

  @Test
  void badExportsNameWhatToFix() {
    assertError(http.get("/api/v1/export"), 400, "Export a tree (trace)");
    assertError(http.get("/api/v1/export?trace=XYZ"), 400, "must be " + TraceId.RULE);
    assertError(
        http.get("/api/v1/export?trace=" + THIRD.replace('3', '4')), 404, "No checkpoint of trace");
    assertError(http.get("/api/v1/export?run=nope"), 404, "There is no run nope.");
    assertError(http.get("/api/v1/export?run=r1&component=ship"), 404, "no checkpoint named ship");
    assertError(
        http.get("/api/v1/export?trace=" + FIRST + "&checkpoint=ffffffffffffffff"),
        404,
        "The tree has no checkpoint ffffffffffffffff.");
    assertError(http.get("/api/v1/export?trace=" + FIRST + "&format=openapi"), 400, "format must");
  }

  /** orders calls payments: a pair whose contracts the export writes. */
  void payment(String trace) {
    ObjectNode root = checkpoint(trace, "d000000000000001", null, "HTTP_SERVER", "POST /orders", 0);
    root.put("runId", "r3").putObject("output").put("status", 201);
    ObjectNode client =
        checkpoint(
            trace, "d000000000000002", "d000000000000001", "HTTP_CLIENT", "POST /payments", 1);
    client.put("runId", "r3");
    ObjectNode input = client.putObject("input").put("method", "POST");
    input.put("url", "http://127.0.0.1:41234/payments");
    input.putObject("headers").put("content-type", "application/json");
    input.putObject("body").put("amountCents", 9000).put("cardNumber", "[REDACTED]");
    client.putArray("redacted").add("input.body.cardNumber");
    ObjectNode output = client.putObject("output").put("status", 201);
    output.putObject("headers").put("content-type", "application/json");
    output.putObject("body").put("paymentId", "7c9e6679-7425-40de-944b-e07fc1f90ae7");
    ObjectNode server =
        checkpoint(
            trace, "d000000000000003", "d000000000000002", "HTTP_SERVER", "POST /payments", 2);
    server.put("runId", "r3");
    assertThat(http.postBatch(batch("orders", root, client)).statusCode()).isEqualTo(200);
    assertThat(http.postBatch(batch("payments", server)).statusCode()).isEqualTo(200);
  }

  @Test
  void exportsTheContractsOfATreeAsPactAndWireMock() {
    String trace = "5af7651916cd43dd8448eb211c80319c";
    payment(trace);

    HttpResponse<String> pact = http.get("/api/v1/export?trace=" + trace + "&format=pact");
    assertThat(pact.statusCode()).as(pact.body()).isEqualTo(200);
    assertThat(pact.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"orders-payments.json\"");
    JsonNode json = Http.json(pact);
    assertThat(json.at("/metadata/pactSpecification/version").asText()).isEqualTo("4.0");
    assertThat(json.at("/interactions/0/providerStates/0/name").asText())
        .isEqualTo("POST /orders answered 201");
    assertThat(json.at("/interactions/0/response/matchingRules/body").has("$.paymentId")).isTrue();

    JsonNode stubs = Http.json(http.get("/api/v1/export?run=r3&format=wiremock&service=orders"));
    assertThat(stubs.at("/mappings/0/request/urlPath").asText()).isEqualTo("/payments");
    HttpResponse<String> button = http.get("/ui/export?run=r3&format=pact");
    assertThat(button.statusCode()).isEqualTo(200);
    assertThat(button.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"orders-payments.json\"");

    assertError(
        http.get("/api/v1/export?run=r3&format=pact&service=billing"),
        400,
        "No service 'billing' recorded checkpoints in these trees; the services are: orders,"
            + " payments.");
    assertError(
        http.get("/api/v1/export?trace=" + FIRST + "&format=pact"),
        404,
        "The recording has no cross-service calls");
    assertError(
        http.get("/api/v1/export?run=r3&format=pact&component=price"),
        400,
        "component belongs to format=assets");
  }

  @Test
  void diffsTwoTreesOrTwoRunsWithTheFieldThatChanged() {
    JsonNode trees = Http.json(http.get("/api/v1/diff?trace=" + FIRST + "&trace=" + SECOND));

    assertThat(trees.get("equal").asBoolean()).isFalse();
    assertThat(trees.at("/left/tree").asText()).isEqualTo(FIRST);
    assertThat(trees.get("changes")).hasSize(1);
    JsonNode change = trees.at("/changes/0");
    assertThat(change.get("change").asText()).isEqualTo("changed");
    assertThat(change.get("key").asText()).isEqualTo("shop/HTTP_SERVER/order#0");
    assertThat(change.at("/fields/0/path").asText()).isEqualTo("/output/eta");
    assertThat(change.at("/fields/0/expected").asText()).isEqualTo("by post");
    assertThat(change.at("/fields/0/actual").asText()).isEqualTo("by courier");
    JsonNode first = trees.get("firstDivergence");
    assertThat(first.get("key").asText()).isEqualTo("shop/HTTP_SERVER/order#0");
    assertThat(first.get("side").asText()).isEqualTo("output");
    assertThat(first.at("/changes/0/path").asText()).isEqualTo("/output/eta");
    assertThat(first.at("/changes/0/actual").asText()).isEqualTo("by courier");
    assertThat(first.at("/cause/key").asText()).isEqualTo("shop/HTTP_SERVER/order#0");
    assertThat(first.at("/cause/reason").asText()).isEqualTo("own_result");
    assertThat(first.get("others")).isEmpty();

    JsonNode runs = Http.json(http.get("/api/v1/diff?run=r1&run=r2"));
    assertThat(runs.get("changes"))
        .extracting(c -> c.get("change").asText())
        .contains("changed", "added");
  }

  @Test
  void theNoiseRulesStoredWithARunApplyToItsDiffExportAndComparePage() {
    NoiseRules learned = NoiseRules.of(List.of(), List.of(), null, Set.of("/output/eta"));
    ObjectNode body = Batches.MAPPER.createObjectNode().put("id", "r2");
    body.set("noise", learned.toJson());
    assertThat(http.post("/api/v1/runs", Batches.json(body), Http.withJson()).statusCode())
        .isEqualTo(200);

    JsonNode diff = Http.json(http.get("/api/v1/diff?trace=" + FIRST + "&trace=" + SECOND));
    String page = http.get("/ui/compare?trace=" + FIRST + "&trace=" + SECOND).body();
    String exported = http.get("/api/v1/export?trace=" + SECOND).body();

    assertThat(diff.get("equal").asBoolean()).as(diff.toString()).isTrue();
    assertThat(diff.get("firstDivergence").isNull()).isTrue();
    assertThat(page).doesNotContain("/output/eta").contains("No differences");
    assertThat(exported)
        .as("the value stays, the learned noise is marked beside it")
        .contains("\"eta\": \"by courier\"", "\"/output/eta\": \"<noise>\"");
    assertThat(Http.json(http.get("/api/v1/runs/r2")).at("/run/noise/ignore").isArray()).isTrue();
  }

  @Test
  void badNoiseRulesAreRefusedNamingTheField() {
    HttpResponse<String> response =
        http.post(
            "/api/v1/runs",
            Batches.utf8(
                "{\"id\": \"r1\", \"noise\": {\"normalisation\": {\"detectors\": [\"ulid\"],"
                    + " \"rules\": []}}}"),
            Http.withJson());

    assertError(response, 400, "which is not a detector");
    assertThat(Http.json(response).get("path").asText()).isEqualTo("noise");
    assertThat(Http.json(http.get("/api/v1/runs/r1")).at("/run/noise").isNull()).isTrue();
  }

  @Test
  void badDiffsNameWhatToFix() {
    assertError(http.get("/api/v1/diff?run=r1"), 400, "Choose exactly two runs or exactly two");
    assertError(http.get("/api/v1/diff?run=r1&run=zz"), 404, "There is no run zz.");
    assertError(http.get("/api/v1/diff?trace=" + FIRST + "&trace=nothex"), 400, TraceId.RULE);
  }

  private static void assertError(HttpResponse<String> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(Http.json(response).get("detail").asText()).contains(detail);
  }

  private static List<String> zipEntries(byte[] zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
