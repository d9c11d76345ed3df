package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.checkpoint.cli.testing.TestShop;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoint replay} end to end: a real checkpoint server, a run recorded by {@code
 * checkpoint run} from a service over real HTTP, and that service replayed, already running or
 * started from a scenario.
 */
class ReplayCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  static CheckpointServer server;
  static TestShop shop;
  static String recorded;

  @TempDir Path dir;

  @BeforeAll
  static void recordARun() throws IOException {
    server =
        CheckpointServer.start(
            ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dbUrl("jdbc:sqlite:" + shared.resolve("checkpoint.db"))
                .build());
    shop = TestShop.start(serverUrl());
    Path scenario =
        Files.writeString(
            shared.resolve("shop.yaml"),
            """
            name: shop
            services:
              - name: shop
                url: %s
            steps:
              - name: place-order
                request:
                  method: POST
                  url: ${shop}/orders
                  json: {customer: alice, sku: BOOK-1}
                  expect: {status: 201}
                  capture: {order_id: $.id}
              - name: get-order
                request:
                  url: ${shop}/orders/${order_id}
            """
                .formatted(shop.url()));
    CliRun run =
        CliRun.of(
            "run",
            scenario.toString(),
            "--server",
            serverUrl(),
            "--assets",
            shared.resolve("assets").toString(),
            "--quiet-period",
            "300ms");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    // The second of the two recordings, which carries the noise learned from both.
    recorded = get("/api/v1/runs?name=shop&limit=1").path("items").path(0).path("id").asText();
  }

  @AfterAll
  static void stop() {
    shop.close();
    server.close();
  }

  @BeforeEach
  void standardPricing() {
    shop.promotion.set(false);
  }

  static String serverUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void anUnchangedServiceReplaysEveryEntryEqualIntoARunLabelledWithTheRunItReplays()
      throws IOException {
    Path markdown = dir.resolve("replay.md");
    Path junit = dir.resolve("replay.xml");

    CliRun replay =
        replay(
            "--run",
            recorded,
            "--target",
            shop.url(),
            "--report-markdown",
            markdown.toString(),
            "--report-junit",
            junit.toString());

    assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out())
        .containsPattern("equal +POST /orders  [0-9a-f]{32}:[0-9a-f]{16}")
        .containsPattern("equal +GET /orders/\\{id\\}  [0-9a-f]{32}:[0-9a-f]{16}")
        .contains("  POST /orders: 1 replayed, 1 equal, 0 different, 0 errors")
        .contains(
            "2 entry requests of shop replayed from "
                + recorded
                + ": 2 equal, 0 different, 0 errors");
    Matcher link = Pattern.compile("Replay run: .*/ui/runs/(\\S+)").matcher(replay.out());
    assertThat(link.find()).isTrue();
    JsonNode run = get("/api/v1/runs/" + link.group(1)).path("run");
    assertThat(run.path("labels").path("replays").asText()).isEqualTo(recorded);
    assertThat(run.path("labels").path("replay.service").asText()).isEqualTo("shop");
    assertThat(run.path("closedAt").isNull()).isFalse();
    assertThat(get("/api/v1/runs/" + link.group(1)).path("trees").path("items")).hasSize(2);
    assertThat(Files.readString(markdown))
        .contains("## Checkpoint replay", "| POST /orders | 1 | 1 | 0 | 0 |");
    assertThat(Files.readString(junit))
        .contains("<testsuite errors=\"0\" failures=\"0\" name=\"shop POST /orders\" tests=\"1\">");
  }

  @Test
  void aChangeDeepInTheTreeIsReportedDifferentWithItsStructuralDiffInEveryReport()
      throws IOException {
    shop.promotion.set(true);
    Path markdown = dir.resolve("replay.md");
    Path html = dir.resolve("replay.html");
    Path junit = dir.resolve("replay.xml");

    CliRun replay =
        replay(
            "--run",
            recorded,
            "--target",
            shop.url(),
            "--entry",
            "POST /orders",
            "--report-markdown",
            markdown.toString(),
            "--report-html",
            html.toString(),
            "--report-junit",
            junit.toString());

    assertThat(replay.code()).as(replay.out() + replay.err()).isEqualTo(1);
    assertThat(replay.out())
        .containsPattern("different POST /orders  [0-9a-f]{32}:[0-9a-f]{16}")
        .contains(
            "~ changed  shop/HTTP_SERVER/POST /orders#0 > shop/METHOD/PricingService.price#0",
            "~ /output/rule: \"standard\" -> \"promotion\"")
        .contains(": 0 equal, 1 different, 0 errors")
        .doesNotContain("GET /orders");
    assertThat(Files.readString(markdown))
        .contains("### Different: POST /orders", "PricingService.price", "/output/rule");
    assertThat(Files.readString(html))
        .contains(
            "<h2>Different: POST /orders</h2>",
            "<pre class=\"first-divergence\">",
            "PricingService.price",
            "~ /output/rule: &quot;standard&quot; -&gt; &quot;promotion&quot;");
    assertThat(Files.readString(junit))
        .contains("<failure message=\"the replayed tree differs from the recorded one\"")
        .contains("/output/rule: \"standard\" -&gt; \"promotion\"");
  }

  @Test
  void assetsReplayLikeTheRunTheyWereExportedFrom() {
    Path assets = dir.resolve("exported");
    CliRun export =
        CliRun.of(
            "export", "--server", serverUrl(), "--run", recorded, "--output", assets.toString());
    assertThat(export.code()).as(export.out() + export.err()).isZero();

    CliRun replay =
        replay("--assets", assets.toString(), "--target", shop.url(), "--entry", "POST /orders");

    assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out())
        .containsPattern("equal +POST /orders  [^ ]+\\.json#shop/HTTP_SERVER/POST /orders#0")
        .contains("1 entry requests of shop replayed from " + assets + ": 1 equal");
  }

  @Test
  void aServiceStartedFromTheScenarioGetsTheReplaySettingsAndIsStoppedAfterwards()
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // The shop records in ON_DEMAND whatever mode it is given: what it was given is in its log.
    Path scenario =
        Files.writeString(
            dir.resolve("shop-process.yaml"),
            """
            name: shop-process
            services:
              - name: shop
                command:
                  - sh
                  - -c
                  - 'env | sort | grep CHECKPOINT_; CHECKPOINT_MODE=ON_DEMAND exec "$0" "$@"'
                  - '%s'
                  - -cp
                  - '%s'
                  - dev.checkpoint.cli.testing.TestShop
                  - '%d'
                port: %d
                env: {CHECKPOINT_EXPORT_INTERVAL_MS: 100, CHECKPOINT_MODE: ON}
                ready: {http: "http://127.0.0.1:%d/health", timeout: 30s}
            steps:
              - name: unused-by-replay
                pause: 1ms
            """
                .formatted(java, classPath, port, port, port));
    Path data = dir.resolve("data");

    CliRun replay =
        replay(
            "--run",
            recorded,
            "--scenario",
            scenario.toString(),
            "--data-dir",
            data.toString(),
            "--missing",
            "CALL_REAL");

    assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
    String log = Files.readString(data.resolve("logs/shop.log"));
    assertThat(log)
        .contains(
            "CHECKPOINT_MODE=REPLAY",
            "CHECKPOINT_REPLAY_MISSING=CALL_REAL",
            "CHECKPOINT_REPLAY_RUN=" + recorded,
            "CHECKPOINT_REPLAY_SOURCE=" + serverUrl(),
            "CHECKPOINT_SERVICE_NAME=shop");
    Matcher pid = Pattern.compile("as pid (\\d+)").matcher(log);
    assertThat(pid.find()).isTrue();
    assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).filter(ProcessHandle::isAlive))
        .isEmpty();
  }

  @Test
  void latestTakesTheNewestRecordedRunOfAScenarioAndNotAReplayRun() {
    assertThat(replay("--run", recorded, "--target", shop.url()).code()).isZero();

    CliRun replay =
        replay("--latest", "shop", "--target", shop.url(), "--entry", "GET /orders/{id}");

    assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out())
        .contains("1 entry requests of shop replayed from " + recorded + ": 1 equal");
  }

  @Test
  void aLabelNoRecordedRunCarriesIsOneLineNamingTheOptions() {
    assertBadInput(
        replay("--latest", "shop", "--label", "branch:nowhere", "--target", shop.url()),
        "checkpoint replay: There is no recorded run of scenario 'shop' labelled branch:nowhere on"
            + " the checkpoint server at "
            + serverUrl()
            + ". Fix --latest or --label: the server's runs are listed at "
            + serverUrl()
            + "/ui/runs.");
  }

  @Test
  void aTimeRangeWithoutEntriesIsOneLineNamingTheRange() {
    assertBadInput(
        replay("--run", recorded, "--target", shop.url(), "--from", "2100-01-01T00:00:00Z"),
        "checkpoint replay: Run '"
            + recorded
            + "' holds no entry request (HTTP_SERVER or MESSAGE_CONSUME checkpoint) of service"
            + " 'shop' recorded from 2100-01-01T00:00:00Z. Fix --from/--to or --service: it is the"
            + " name the service records under (CHECKPOINT_SERVICE_NAME).");
  }

  @Test
  void twoRecordingsAtOnceAreOneLineSayingWhatToGive() {
    assertBadInput(
        replay("--run", recorded, "--assets", "x", "--target", shop.url()),
        "checkpoint replay: Say what to replay, once: --run ID, --latest SCENARIO and/or --label"
            + " KEY:VALUE (the newest such run on the server), or --assets PATH.");
  }

  @Test
  void anUnknownRunIsOneLineNamingTheFixAndStoresNothing() {
    assertBadInput(
        replay("--run", "no-such-run", "--target", shop.url()),
        "checkpoint replay: There is no run 'no-such-run' on the checkpoint server at "
            + serverUrl()
            + ". Fix --run: the server's runs are listed at "
            + serverUrl()
            + "/ui/runs.");
  }

  @Test
  void anEntryNameTheRecordingDoesNotHoldIsOneLineListingTheNamesItHolds() {
    assertBadInput(
        replay("--run", recorded, "--target", shop.url(), "--entry", "DELETE /orders/{id}"),
        "checkpoint replay: Run '"
            + recorded
            + "' holds no entry request of service 'shop' named 'DELETE /orders/{id}'. Fix"
            + " --entry: its entry requests are 'GET /orders/{id}', 'POST /orders'.");
  }

  @Test
  void aServiceTheRecordingDoesNotHoldIsOneLineNamingTheOption() {
    assertBadInput(
        replay("--run", recorded, "--target", shop.url(), "--service", "billing"),
        "checkpoint replay: Run '"
            + recorded
            + "' holds no entry request (HTTP_SERVER or MESSAGE_CONSUME checkpoint) of service"
            + " 'billing'. Fix --service: it is the name the service records under"
            + " (CHECKPOINT_SERVICE_NAME).");
  }

  @Test
  void aCorruptAssetIsOneLineNamingTheFile() throws IOException {
    Path assets = Files.createDirectories(dir.resolve("assets/shop"));
    Path corrupt = Files.writeString(assets.resolve("place-order.json"), "{\"checkpoints\": [");

    CliRun replay = replay("--assets", dir.resolve("assets").toString(), "--target", shop.url());

    assertBadInput(replay, null);
    assertThat(replay.err())
        .startsWith("checkpoint replay: " + corrupt)
        .endsWith(
            "Fix or re-export the asset, or leave it out of --assets." + System.lineSeparator());
  }

  @Test
  void aServiceThatNeverBecomesReadyIsOneLineAndIsStopped() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path scenario =
        Files.writeString(
            dir.resolve("never-ready.yaml"),
            """
            name: never-ready
            services:
              - name: shop
                command: [sh, -c, 'echo "pid $$"; exec sleep 60']
                port: %d
                ready: {http: "http://127.0.0.1:%d/health", timeout: 1s}
            steps:
              - name: unused-by-replay
                pause: 1ms
            """
                .formatted(port, port));
    Path data = dir.resolve("data");

    CliRun replay =
        replay("--run", recorded, "--scenario", scenario.toString(), "--data-dir", data.toString());

    assertBadInput(
        replay,
        "checkpoint replay: Service 'shop' was not ready after 1000 ms: http://127.0.0.1:"
            + port
            + "/health did not answer 2xx. Raise 'ready.timeout' or fix the condition; see its log "
            + data.resolve("logs/shop.log")
            + ".");
    Matcher pid =
        Pattern.compile("pid (\\d+)").matcher(Files.readString(data.resolve("logs/shop.log")));
    assertThat(pid.find()).isTrue();
    assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).filter(ProcessHandle::isAlive))
        .isEmpty();
  }

  @Test
  void aServiceThatStopsAnsweringHalfWayLeavesNoReplayRun() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }

    assertBadInput(replay("--run", recorded, "--target", "http://127.0.0.1:" + closed), null);
  }

  @Test
  void aServiceThatRecordsNothingLeavesNoReplayRunAndSaysWhatToCheck() throws IOException {
    HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    silent.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    silent.start();
    try {
      CliRun replay =
          replay(
              "--run",
              recorded,
              "--target",
              "http://127.0.0.1:" + silent.getAddress().getPort(),
              "--ingest-timeout",
              "2s");

      assertBadInput(replay, null);
      assertThat(replay.err())
          .startsWith("checkpoint replay: No checkpoint of ")
          .contains(
              "Is the service under test instrumented, exporting to that server"
                  + " (CHECKPOINT_ENDPOINT) and in REPLAY mode");
    } finally {
      silent.stop(0);
    }
  }

  @Test
  void withoutTargetOrScenarioItSaysWhereTheServiceCanBe() {
    assertBadInput(
        replay("--run", recorded),
        "checkpoint replay: Say where the service under test is: --target URL for one you started"
            + " in REPLAY mode, or --scenario FILE to start it from a scenario's services.");
  }

  /** Exit code 2, one line on standard error, and no run left on the server. */
  private void assertBadInput(CliRun replay, String line) {
    assertThat(replay.code()).as(replay.out() + replay.err()).isEqualTo(2);
    assertThat(replay.err().lines()).as(replay.err()).hasSize(1);
    if (line != null) {
      assertThat(replay.err()).isEqualTo(line + System.lineSeparator());
    }
    assertThat(get("/api/v1/runs?label=" + encode("replay.service:shop")).path("items"))
        .as("replay runs")
        .allSatisfy(run -> assertThat(run.path("closedAt").isNull()).isFalse());
    assertThat(replayRunsLeft()).isEqualTo(replayRunsBefore);
  }

  private long replayRunsBefore = -1;

  private CliRun replay(String... arguments) {
    replayRunsBefore = replayRunsLeft();
    List<String> all = new ArrayList<>(List.of("replay", "--server", serverUrl()));
    if (!List.of(arguments).contains("--service")) {
      all.addAll(List.of("--service", "shop"));
    }
    all.addAll(List.of("--quiet-period", "300ms"));
    if (!List.of(arguments).contains("--ingest-timeout")) {
      all.addAll(List.of("--ingest-timeout", "10s"));
    }
    all.addAll(List.of(arguments));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static long replayRunsLeft() {
    return get("/api/v1/runs?limit=1000").path("items").size();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(serverUrl() + path)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
