package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.checkpoint.cli.testing.TestShop;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code checkpoint run} end to end: a real checkpoint server, a service recording in ON_DEMAND
 * mode over real HTTP, assets on disk.
 */
class RunCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  static CheckpointServer server;
  static TestShop shop;

  @TempDir Path dir;
  Path assets;
  Path scenario;

  @BeforeAll
  static void startServerAndShop() throws IOException {
    server =
        CheckpointServer.start(
            ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dbUrl("jdbc:sqlite:" + shared.resolve("checkpoint.db"))
                .build());
    shop = TestShop.start(serverUrl());
  }

  @AfterAll
  static void stop() {
    shop.close();
    server.close();
  }

  static String serverUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  @BeforeEach
  void scenario() throws IOException {
    shop.promotion.set(false);
    assets = dir.resolve("assets");
    scenario =
        Files.writeString(
            dir.resolve("shop.yaml"),
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
  }

  @Test
  void firstRecordingLearnsNoiseSoThatTheNextRunShowsNoDrift() throws IOException {
    Result first = run();

    assertThat(first.code).as(first.all()).isZero();
    assertThat(first.out)
        .contains("(1 of 2)", "(2 of 2)")
        .contains("new       shop/place-order", "new       shop/get-order")
        .contains("2 steps in 1 scenarios: 0 drifted, 2 new, 0 unchanged; 0 failed")
        .containsPattern(
            "noise     shop/place-order: .*/output/body/nonce.* \\(stored in the asset");
    Path placeOrder = assets.resolve("shop/place-order.json");
    String asset = Files.readString(placeOrder);
    assertThat(asset)
        .contains("PricingService.price", "\"rule\": \"standard\"")
        .contains("\"path\": \"/output/body/nonce\"", "\"/output/body/nonce\": \"<noise>\"")
        .doesNotContain(shop.url());
    // The runs carry the rules they were compared with: the server shows them as the runner did.
    JsonNode runs = get("/api/v1/runs?name=shop&limit=2").path("items");
    String older = runs.path(1).path("id").asText();
    String newer = runs.path(0).path("id").asText();
    assertThat(newer).isEqualTo(older + "-2");
    assertThat(runs.path(0).path("noise").toString()).contains("/output/body/nonce");
    assertThat(get("/api/v1/diff?run=" + older + "&run=" + newer).path("equal").asBoolean())
        .isTrue();

    Result second = run();

    assertThat(second.code).as(second.all()).isZero();
    assertThat(second.out)
        .doesNotContain("(1 of 2)")
        .contains("unchanged shop/place-order", "unchanged shop/get-order")
        .doesNotContain("written");
    assertThat(Files.readString(placeOrder)).isEqualTo(asset);
  }

  @Test
  void driftIsReportedAtTheOneChangedPathAndUpdateRewritesOnlyThatAsset() throws IOException {
    assertThat(run().code).isZero();
    Path getOrder = assets.resolve("shop/get-order.json");
    Path placeOrder = assets.resolve("shop/place-order.json");
    String getOrderBefore = Files.readString(getOrder);
    shop.promotion.set(true);
    Path reports = dir.resolve("reports");

    List<String> alerts = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/",
        exchange -> {
          alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    hook.start();

    Result drift;
    try {
      drift =
          run(
              "--notify-webhook",
              "http://127.0.0.1:" + hook.getAddress().getPort() + "/",
              "--report-junit",
              reports.resolve("junit.xml").toString(),
              "--report-markdown",
              reports.resolve("report.md").toString(),
              "--report-html",
              reports.resolve("report.html").toString());
    } finally {
      hook.stop(0);
    }

    assertThat(drift.code).as(drift.all()).isEqualTo(1);
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0))
        .contains("\"status\":\"drift\"")
        .contains(
            "• shop / place-order: first divergence output of `shop/HTTP_SERVER/POST /orders#0 >"
                + " shop/METHOD/PricingService.price#0`")
        .containsPattern(
            Pattern.quote(serverUrl() + "/ui/compare?run=shop-")
                + "\\d{8}-\\d{6}-\\d{3}(-2)?&run=shop-");
    assertThat(drift.out)
        .contains("drift     shop/place-order")
        .contains("unchanged shop/get-order")
        .contains("~ changed  shop/HTTP_SERVER/POST /orders#0 > shop/METHOD/PricingService.price#0")
        .contains("/output/rule: \"standard\" -> \"promotion\"")
        .contains("1 drifted")
        .contains("Rerun with --update");
    assertThat(drift.out.lines().filter(line -> line.contains("~ changed"))).hasSize(1);
    assertThat(drift.out.lines().filter(line -> line.strip().startsWith("~ /")))
        .as("the changed field, under the first divergence and in the diff")
        .hasSize(2);
    assertThat(drift.out)
        .contains(
            "First divergence: output of shop/HTTP_SERVER/POST /orders#0 >"
                + " shop/METHOD/PricingService.price#0");
    assertThat(Files.readString(placeOrder)).contains("\"standard\"");
    assertThat(reports.resolve("junit.xml")).exists();
    assertThat(Files.readString(reports.resolve("report.md")))
        .contains("| shop | place-order | drift |", "/output/rule");

    Result update = run("--update");

    assertThat(update.code).as(update.all()).isEqualTo(1);
    assertThat(update.out)
        .contains("Assets written (ready to commit):", placeOrder.toString())
        .doesNotContain(getOrder + " (written)")
        .doesNotContain("Rerun with --update");
    assertThat(Files.readString(placeOrder)).contains("\"promotion\"");
    assertThat(Files.readString(getOrder)).isEqualTo(getOrderBefore);

    assertThat(run().code).isZero();
  }

  @Test
  void updateWithANewNoiseRuleRewritesTheNoiseAndKeepsTheCommittedValues() throws IOException {
    assertThat(run().code).isZero();
    Path placeOrder = assets.resolve("shop/place-order.json");
    JsonNode committed = JSON.readTree(placeOrder.toFile());
    Files.writeString(
        scenario, Files.readString(scenario) + "noise:\n  normalise: [\"input.body.sku\"]\n");

    Result update = run("--update");

    assertThat(update.code).as(update.all()).isZero();
    assertThat(update.out)
        .contains("unchanged shop/place-order", "Assets written (ready to commit):");
    JsonNode rewritten = JSON.readTree(placeOrder.toFile());
    assertThat(rewritten.at("/checkpoints/0/noise/~1input~1body~1sku").asText())
        .isEqualTo("<normalised>");
    assertThat(rewritten.at("/normalisation/rules").toString()).contains("/input/body/sku");
    assertThat(rewritten.at("/checkpoints/0/output"))
        .as("the committed values, not the new run's ids and times")
        .isEqualTo(committed.at("/checkpoints/0/output"));
  }

  @Test
  void updateIsRefusedInCiUnlessAllowed() {
    Result refused = run(Map.of("CI", "true"), "--update");

    assertThat(refused.code).isEqualTo(2);
    assertThat(refused.err)
        .contains("--update rewrites assets, and CI=true", "--allow-update-in-ci");
    assertThat(assets).doesNotExist();

    Result allowed = run(Map.of("CI", "true"), "--update", "--allow-update-in-ci", "--repeat", "1");

    assertThat(allowed.code).as(allowed.all()).isZero();
  }

  @Test
  void everyProblemOfEveryScenarioFileIsListedBeforeAnythingStarts() throws IOException {
    Path bad = dir.resolve("bad");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("a.yaml"), "name: a\nsteps:\n  - request: {urll: x}\n");
    Files.writeString(bad.resolve("b.yml"), "name: b\n");

    Result result = run(Map.of(), bad.toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err)
        .contains("a.yaml:3", "Did you mean 'url'?")
        .contains("b.yml:1", "needs 'steps'")
        .contains("Nothing was started: fix the scenario files first.");
    assertThat(result.out).isEmpty();
  }

  @Test
  void twoScenariosWithOneNameAreAnError() throws IOException {
    Path copy = Files.copy(scenario, dir.resolve("copy.yaml"));

    Result result = run(Map.of(), scenario.toString(), copy.toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err)
        .contains(copy + ": the scenario name 'shop' is also used by " + scenario)
        .contains("Nothing was started");
  }

  @Test
  void missingScenarioFilesAreAnError() throws IOException {
    Result result = run(Map.of(), dir.resolve("nowhere").toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("nowhere: no such file or directory.");

    Result empty = run(Map.of(), Files.createDirectories(dir.resolve("empty")).toString());

    assertThat(empty.code).isEqualTo(2);
    assertThat(empty.err)
        .contains("No scenario files found; give .yaml files or a directory holding them.");
  }

  @Test
  void anUnexpectedStatusFailsTheScenarioWithTheReason() throws IOException {
    Files.writeString(scenario, Files.readString(scenario).replace("status: 201", "status: 200"));

    Result result = run("--report-junit", dir.resolve("junit.xml").toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.out)
        .contains("ERROR  shop: Step 'place-order' (line 6): POST " + shop.url() + "/orders")
        .contains("answered 201, expected 200");
    assertThat(assets).doesNotExist();
    assertThat(Files.readString(dir.resolve("junit.xml"))).contains("<error");
  }

  @Test
  void theEmbeddedServerIsStartedWhenNoServerIsGivenAndSaysWhenNothingWasRecorded()
      throws IOException {
    // The shop exports to the test's server, not the embedded one, so nothing arrives there.
    Result result =
        run(
            Map.of(),
            scenario.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "--assets",
            assets.toString(),
            "--ingest-timeout",
            "1s");

    assertThat(result.code).isEqualTo(2);
    assertThat(result.out)
        .contains("No checkpoint of place-order (trace ", "get-order (trace ")
        .contains("CHECKPOINT_MODE=ON_DEMAND")
        .contains("Runs are stored in " + dir.resolve("data"));
    assertThat(dir.resolve("data/checkpoint.db")).exists();
  }

  @Test
  void startsServicesWaitsForLogsAndCheckpointsPausesAndStopsTheServicesAfterwards()
      throws IOException {
    Path pid = dir.resolve("worker.pid");
    Files.writeString(
        scenario,
        """
        name: shop-worker
        services:
          - name: shop
            url: %s
          - name: worker
            command: echo $$ > %s; echo ready; while true; do echo "tick $CHECKPOINT_MODE"; sleep 0.1; done
            port: 9
            ready: {log: ready, timeout: 10s}
        steps:
          - name: place-order
            request:
              method: POST
              url: ${shop}/orders
              json: {customer: bob, sku: MUG-2}
          - name: tick
            wait_for:
              log: {service: worker, pattern: tick ON_DEMAND}
              timeout: 5s
          - pause: 100ms
          - name: priced
            wait_for:
              checkpoint: {service: shop, kind: METHOD, name: PricingService.price}
              timeout: 10s
        """
            .formatted(shop.url(), pid));

    Result result = run("--repeat", "1", "--data-dir", dir.resolve("data").toString());

    assertThat(result.code).as(result.all()).isZero();
    assertThat(result.out)
        .contains("starting worker: /bin/sh -c echo $$")
        .contains("worker is ready (log: " + dir.resolve("data/logs/worker.log") + ")")
        .contains("log of worker matched", "paused 100 ms", "checkpoint arrived")
        .contains("new       shop-worker/place-order")
        .doesNotContain("shop-worker/tick", "shop-worker/priced");
    long worker = Long.parseLong(Files.readString(pid).strip());
    assertThat(ProcessHandle.of(worker).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void aServiceStartedByTheRunnerRecordsIntoTheEmbeddedServerAndIsStoppedAfterwards()
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Files.writeString(
        scenario,
        """
        name: shop-process
        services:
          - name: shop
            command:
              - '%s'
              - -cp
              - '%s'
              - dev.checkpoint.cli.testing.TestShop
              - '%d'
            port: %d
            env: {CHECKPOINT_EXPORT_INTERVAL_MS: 100}
            ready: {http: "http://127.0.0.1:%d/health", timeout: 30s}
        steps:
          - name: place-order
            request:
              method: POST
              url: ${shop}/orders
              json: {customer: carol, sku: LAMP-9}
              expect: {status: 201}
        """
            .formatted(java, classPath, port, port, port));
    Path data = dir.resolve("data");

    Result result =
        run(
            Map.of(),
            scenario.toString(),
            "--data-dir",
            data.toString(),
            "--assets",
            assets.toString(),
            "--repeat",
            "1",
            "--quiet-period",
            "300ms");

    assertThat(result.code).as(result.all()).isZero();
    assertThat(result.out).contains("new       shop-process/place-order");
    assertThat(Files.readString(assets.resolve("shop-process/place-order.json")))
        .contains("\"customer\": \"carol\"", "PricingService.price", "\"service\": \"shop\"");
    Matcher pid =
        Pattern.compile("as pid (\\d+)").matcher(Files.readString(data.resolve("logs/shop.log")));
    assertThat(pid.find()).isTrue();
    assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).filter(ProcessHandle::isAlive))
        .isEmpty();
  }

  @Test
  void anUnreachableServerIsAnError() {
    Result result =
        run(Map.of(), scenario.toString(), "--server", "http://127.0.0.1:9", "--repeat", "1");

    assertThat(result.code).isEqualTo(2);
    assertThat(result.out)
        .contains("ERROR  shop: Cannot reach the checkpoint server at http://127.0.0.1:9")
        .contains("Start it with 'checkpoint server', or leave out --server");
  }

  @Test
  void theEmbeddedServerThatCannotStartIsAnError() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");

    Result result = run(Map.of(), scenario.toString(), "--data-dir", notADirectory.toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err)
        .contains(
            "checkpoint run: Cannot start the embedded checkpoint server in " + notADirectory);
  }

  @Test
  void aReportThatCannotBeWrittenIsAnError() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");

    Result result = run("--repeat", "1", "--report-html", notADirectory + "/report.html");

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("checkpoint run: Cannot write a report: ");
  }

  @Test
  void aCaptureThatFindsNothingFailsTheStep() throws IOException {
    Files.writeString(scenario, Files.readString(scenario).replace("$.id", "$.orderNumber"));

    Result result = run("--repeat", "1");

    assertThat(result.code).isEqualTo(2);
    assertThat(result.out)
        .contains(
            "ERROR  shop: Step 'place-order' captures 'order_id', but the response has nothing at"
                + " /orderNumber. Body: {\"id\":");
  }

  @Test
  void aCheckpointThatNeverArrivesFailsTheWait() throws IOException {
    Files.writeString(
        scenario,
        Files.readString(scenario)
            + """
              - name: never
                wait_for:
                  checkpoint: {service: shop, name: Refunds.refund}
                  timeout: 300ms
            """);

    Result result = run("--repeat", "1");

    assertThat(result.code).isEqualTo(2);
    assertThat(result.out)
        .containsPattern(
            "Step 'never' \\(line \\d+\\): no checkpoint of run shop-[0-9-]+ with service=shop"
                + " kind=null name=Refunds.refund reached the server within 300 ms.");
  }

  @Test
  void aBrokenAssetIsAnError() throws IOException {
    Files.createDirectories(assets.resolve("shop"));
    Files.writeString(assets.resolve("shop/place-order.json"), "{\"checkpoints\": 3}");

    Result result = run();

    assertThat(result.code).isEqualTo(2);
    assertThat(result.out).contains("ERROR  shop: ").contains("place-order.json");
  }

  @Test
  void badOptionsAreErrors() {
    Result repeat = run("--repeat", "0");
    assertThat(repeat.code).isEqualTo(2);
    assertThat(repeat.err).contains("--repeat must be at least 1, but is 0.");

    Result duration = run(Map.of(), scenario.toString(), "--quiet-period", "soon");
    assertThat(duration.code).isEqualTo(2);
    assertThat(duration.err).contains("'soon' is not a duration such as 500ms, 10s or 2m");
  }

  private Result run(String... arguments) {
    return run(Map.of(), arguments);
  }

  private Result run(Map<String, String> environment, String... arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    if (all.isEmpty() || all.get(0).startsWith("--")) {
      all.addAll(
          0,
          List.of(
              scenario.toString(),
              "--server",
              serverUrl(),
              "--assets",
              assets.toString(),
              "--quiet-period",
              "300ms",
              "--ingest-timeout",
              "10s"));
    }
    return execute(environment, all.toArray(String[]::new));
  }

  static Result execute(Map<String, String> environment, String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new RunCommand(environment));
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int code = command.execute(arguments);
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
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
