package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code checkpoint export} against a real checkpoint server on a free port. */
class ExportCommandTest {
  static final String FIRST = "1af7651916cd43dd8448eb211c80319c";
  static final String SECOND = "2af7651916cd43dd8448eb211c80319c";

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;
  CheckpointServer server;
  Path output;

  @BeforeEach
  void start() throws Exception {
    server =
        CheckpointServer.start(
            ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dbUrl("jdbc:sqlite:" + directory.resolve("checkpoint.db"))
                .build());
    output = directory.resolve("assets");
    order(FIRST, "a", 4711, "by post");
    order(SECOND, "b", 4712, "by courier");
    ObjectNode run = JSON.createObjectNode().put("id", "nightly-7");
    run.set("noise", NoiseRules.of(List.of(), List.of(), null, Set.of("/output/eta")).toJson());
    post("/api/v1/runs", run);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** One order of run nightly-7: a generated id and a way of delivery, both noise. */
  void order(String trace, String prefix, int orderId, String eta) throws Exception {
    ObjectNode root = checkpoint(trace, prefix + "000000000000001", null, "HTTP_SERVER", "order");
    root.putObject("output").put("status", 201).put("orderId", orderId).put("eta", eta);
    ObjectNode price =
        checkpoint(
            trace, prefix + "000000000000002", prefix + "000000000000001", "METHOD", "price");
    price.putObject("output").put("cents", 9000);
    ObjectNode batch = JSON.createObjectNode().put("batchId", prefix + "-" + trace);
    batch.putObject("resource").put("service", "shop");
    batch.putArray("checkpoints").add(root).add(price);
    post("/api/v1/checkpoints", batch);
  }

  private static ObjectNode checkpoint(
      String trace, String id, String parentId, String kind, String name) {
    ObjectNode checkpoint = JSON.createObjectNode();
    checkpoint.put("id", id).put("traceId", trace).put("parentId", parentId);
    checkpoint.put("runId", "nightly-7").put("service", "shop").put("kind", kind);
    checkpoint.put("name", name).put("startTimeUnixNano", "1763900000000000000");
    checkpoint.put("endTimeUnixNano", "1763900000002000000");
    checkpoint.putObject("input").put("amount", 12.5);
    return checkpoint;
  }

  private void post(String path, ObjectNode body) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /* checkpoint export from this test's server into its output directory, and more arguments. */
  private CliRun export(String... more) {
    List<String> args =
        new ArrayList<>(List.of("export", "--server", url(), "--output", output.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void exportsTheContractsOfATreeAsPactAndWireMockFiles() throws Exception {
    String trace = "5af7651916cd43dd8448eb211c80319c";
    ObjectNode client =
        checkpoint(trace, "c000000000000001", null, "HTTP_CLIENT", "POST /payments")
            .put("service", "orders");
    client
        .putObject("input")
        .put("method", "POST")
        .put("url", "http://127.0.0.1:41234/payments")
        .putObject("body")
        .put("amountCents", 9000);
    client.putObject("output").put("status", 201).putObject("body").put("status", "AUTHORISED");
    ObjectNode orders = JSON.createObjectNode().put("batchId", "orders-" + trace);
    orders.putObject("resource").put("service", "orders");
    orders.putArray("checkpoints").add(client);
    post("/api/v1/checkpoints", orders);
    ObjectNode payments = JSON.createObjectNode().put("batchId", "payments-" + trace);
    payments.putObject("resource").put("service", "payments");
    payments
        .putArray("checkpoints")
        .add(
            checkpoint(
                    trace, "c000000000000002", "c000000000000001", "HTTP_SERVER", "POST /payments")
                .put("service", "payments"));
    post("/api/v1/checkpoints", payments);

    CliRun pact = export("--trace", trace, "--format", "pact", "--service", "payments");
    assertThat(pact.code()).as(pact.err()).isZero();
    assertThat(
            JSON.readTree(output.resolve("orders-payments.json").toFile())
                .at("/metadata/pactSpecification/version")
                .asText())
        .isEqualTo("4.0");
    CliRun stubs = export("--trace", trace, "--format", "wiremock");
    assertThat(stubs.code()).as(stubs.err()).isZero();
    assertThat(output.resolve("orders-wiremock.json")).exists();

    CliRun alone = export("--trace", FIRST, "--format", "pact");
    assertThat(alone.code()).isEqualTo(2);
    assertThat(alone.err()).contains("HTTP 404", "no cross-service calls");
  }

  @Test
  void exportsATreeWithItsValuesAndTheRunsNoiseMarkedBeside() throws IOException {
    CliRun result = export("--trace", FIRST);

    assertThat(result.code()).as(result.err()).isZero();
    Path file = output.resolve("order.json");
    assertThat(result.out()).isEqualTo("wrote " + file.toAbsolutePath() + "\n");
    Asset asset = AssetFormat.read(file);
    CheckpointNode root = asset.checkpoints().get(0);
    assertThat(root.output().get("orderId").intValue()).isEqualTo(4711);
    assertThat(root.output().get("eta").asText()).isEqualTo("by post");
    assertThat(root.noise())
        .containsEntry("/output/orderId", "<id>")
        .containsEntry("/output/eta", NoiseRules.LEARNED);
    assertThat(asset.flatten()).extracting(CheckpointNode::name).containsExactly("order", "price");
  }

  @Test
  void writesOneTreeWhereCheckpointReplayFindsItsStep() throws IOException {
    CliRun result =
        export("--trace", FIRST, "--checkpoint", "a000000000000002", "--name", "Shop/price quote");

    assertThat(result.code()).as(result.err()).isZero();
    Asset subtree = AssetFormat.read(output.resolve("shop/price-quote.json"));
    assertThat(subtree.scope()).isEqualTo(Asset.Scope.SUBTREE);
    assertThat(subtree.flatten()).extracting(CheckpointNode::name).containsExactly("price");
  }

  @Test
  void unpacksARunOfSeveralTreesAndExportsAComponent() throws IOException {
    CliRun run = export("--run", "nightly-7");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(files(output)).containsExactly("order-2.json", "order.json");
    CliRun component =
        export("--run", "nightly-7", "--component", "price", "--format", "assets", "--force");
    assertThat(component.code()).as(component.err()).isZero();
    assertThat(AssetFormat.read(output.resolve("price.json")).checkpoints()).hasSize(2);
  }

  @Test
  void keepsFilesThatAreThereUnlessForced() throws IOException {
    Path file = Files.createDirectories(output).resolve("order.json");
    Files.writeString(file, "mine");

    CliRun refused = export("--trace", FIRST);
    assertThat(refused.code()).isEqualTo(CheckpointCli.USER_ERROR);
    assertThat(refused.err())
        .isEqualTo(
            "checkpoint: Not overwriting "
                + file.toAbsolutePath()
                + ": pass --force to replace it, or choose another --output.\n");
    assertThat(Files.readString(file)).isEqualTo("mine");

    CliRun forced = export("--trace", FIRST, "--force");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(Files.readString(file)).contains("\"formatVersion\": 2");
  }

  @Test
  void badInputGetsOneLineSayingWhatToDo() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unknownTrace = FIRST.replace('1', '9');

    assertThat(export().err())
        .isEqualTo(
            "checkpoint: checkpoint export needs --trace ID (a tree) or --run ID (a run's trees);"
                + " find them on the server's Runs page.\n");
    assertThat(export("--trace", unknownTrace).err())
        .isEqualTo(
            "checkpoint: The checkpoint server at "
                + url()
                + " cannot export that (HTTP 404): No checkpoint of trace "
                + unknownTrace
                + " is stored.\n");
    assertThat(export("--run", "nope").err())
        .isEqualTo(
            "checkpoint: The checkpoint server at "
                + url()
                + " cannot export that (HTTP 404): There is no run nope.\n");
    String down = "http://127.0.0.1:" + closedPort;
    assertThat(CliRun.of("export", "--server", down, "--trace", FIRST, "--output", "x").err())
        .isEqualTo(
            "checkpoint: Cannot reach the checkpoint server at http://127.0.0.1:"
                + closedPort
                + " (connection refused). Start it with 'checkpoint server', or give its URL with"
                + " --server.\n");
    assertThat(export("--trace", FIRST, "--format", "openapi").err())
        .isEqualTo(
            "checkpoint: --format openapi is not a format; the formats are: assets, pact,"
                + " wiremock.\n");
    assertThat(export("--run", "nightly-7", "--name", "shop/all").err())
        .startsWith("checkpoint: --name names one file, but the export has 2 (order.json,");
    CliRun failed = export("--trace", unknownTrace);
    assertThat(failed.code()).isEqualTo(CheckpointCli.USER_ERROR);
    assertThat(failed.out()).isEmpty();
    assertThat(output).doesNotExist();
  }

  @Test
  void aServerThatWantsAReadTokenGetsTheOneGiven() throws IOException {
    CheckpointServer guarded =
        CheckpointServer.start(
            ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dbUrl("jdbc:sqlite:" + directory.resolve("guarded.db"))
                .readTokens(Set.of("s3cret"))
                .build());
    try {
      String url = "http://127.0.0.1:" + guarded.port();
      String out = output.toString();

      CliRun refused = CliRun.of("export", "--server", url, "--run", "r", "--output", out);
      CliRun allowed =
          CliRun.of("export", "--server", url, "--run", "r", "--output", out, "--token", "s3cret");

      assertThat(refused.err())
          .isEqualTo(
              "checkpoint: The checkpoint server at "
                  + url
                  + " refused the export (HTTP 401): This server requires a token: send"
                  + " Authorization: Bearer <token>. Give a read token with --token (or"
                  + " CHECKPOINT_READ_TOKEN).\n");
      assertThat(allowed.err())
          .as("past the token check, the run is looked for")
          .contains("(HTTP 404): There is no run r.");
    } finally {
      guarded.close();
    }
  }

  @Test
  void helpListsTheSelectionAndTheFormats() {
    CliRun help = CliRun.of("export", "--help");

    assertThat(help.out())
        .contains("--server=URL", "--run=ID", "--trace=ID", "--checkpoint=ID", "--component=NAME")
        .contains("--output=DIR", "--name=SCENARIO/STEP", "--force", "--token=TOKEN")
        .contains("What to export: assets, pact, wiremock.", "--service=NAME")
        .contains("//127.0.0.1:7070");
    assertThat(CliRun.of("--help").out()).contains("export");
  }

  private static List<String> files(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> f.getFileName().toString())
          .sorted()
          .toList();
    }
  }
}
