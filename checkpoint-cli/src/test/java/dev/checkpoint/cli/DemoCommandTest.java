package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoint demo} end to end: the embedded server, the demo shop's three services as
 * processes, RabbitMQ, and a temporary copy of the committed assets (which a test never rewrites).
 * Without RabbitMQ: {@link DemoWithoutRabbitMqTest}.
 */
class DemoCommandTest {

  @TempDir Path dir;

  @BeforeAll
  static void rabbitMq() throws Exception {
    RequiredService.listening(
        "RabbitMQ", 5672, "Start it with: rabbitmq-server -detached (or scripts/services.sh).");
  }

  @Test
  void matchesTheCommittedAssetsThenDriftsAtTheFeeAndUpdateRewritesOnlyThatAsset()
      throws Exception {
    DemoRun demo = DemoRun.onACopyOfTheCommittedAssets(dir);
    Path assets = demo.assets();
    Map<Path, String> before = DemoRun.contents(assets);
    assertThat(before).hasSizeGreaterThanOrEqualTo(5);

    DemoRun.Result clean = demo.keptRunning(DemoCommandTest::runPageAndApiAnswer);

    assertThat(clean.code()).as(clean.all()).isZero();
    assertThat(clean.out())
        .contains("  broker rabbitmq: the one at amqp://127.0.0.1:5672")
        .contains("Demo: no drift.", "unchanged shop/place-order", "unchanged shop/declined-card")
        .containsPattern("web UI      http://127\\.0\\.0\\.1:\\d+/ui/runs/shop-\\d{8}-")
        .containsPattern("API         http://127\\.0\\.0\\.1:\\d+/api/v1/runs/shop-")
        .containsPattern("recorded    5 trees, \\d+ checkpoints")
        .contains("asset       " + assets.resolve("shop/place-order.json"))
        .contains("The checkpoint server keeps running at ");
    assertThat(DemoRun.contents(assets)).isEqualTo(before);

    DemoRun.Result drift = demo.run("--payments-fee-cents", "25");

    assertThat(drift.code()).as(drift.all()).isEqualTo(1);
    assertThat(drift.out())
        .contains("drift     shop/place-order", "unchanged shop/declined-card", "Demo: drift.")
        .contains(
            "~ changed  orders/HTTP_SERVER/POST /orders#0 > orders/HTTP_CLIENT/POST /payments#0 >"
                + " payments/HTTP_SERVER/POST /payments#0 > payments/SQL/INSERT payments#0")
        .contains("~ /input/parameters/4: 9000 -> 9025")
        .contains(
            "First divergence: input of orders/HTTP_SERVER/POST /orders#0 >"
                + " orders/HTTP_CLIENT/POST /payments#0 > payments/HTTP_SERVER/POST /payments#0 >"
                + " payments/SQL/INSERT payments#0")
        .contains(
            "Cause: orders/HTTP_SERVER/POST /orders#0 > orders/HTTP_CLIENT/POST /payments#0 >"
                + " payments/HTTP_SERVER/POST /payments#0\n");
    assertThat(drift.out().lines().filter(line -> line.contains("~ changed"))).hasSize(1);
    assertThat(drift.out().lines().filter(line -> line.strip().startsWith("~ /")))
        .as("the changed field, under the first divergence and in the diff")
        .hasSize(2);
    assertThat(DemoRun.contents(assets)).isEqualTo(before);

    DemoRun.Result update = demo.run("--payments-fee-cents", "25", "--update");

    assertThat(update.code()).as(update.all()).isEqualTo(1);
    Map<Path, String> after = DemoRun.contents(assets);
    Path placeOrder = assets.resolve("shop/place-order.json");
    assertThat(after.keySet()).isEqualTo(before.keySet());
    assertThat(after.get(placeOrder)).isNotEqualTo(before.get(placeOrder)).contains("9025");
    after.remove(placeOrder);
    before.remove(placeOrder);
    assertThat(after).as("every other asset is byte for byte the same").isEqualTo(before);
  }

  /** The web UI shows the run and the API has its trees. */
  private static void runPageAndApiAnswer(String out) throws Exception {
    Matcher ui = Pattern.compile("web UI      (http://\\S+)").matcher(out);
    Matcher api = Pattern.compile("API         (http://\\S+)").matcher(out);
    assertThat(ui.find() && api.find()).as(out).isTrue();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(ui.group(1))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("POST /orders", "shipping");
    HttpResponse<String> run =
        http.send(
            HttpRequest.newBuilder(URI.create(api.group(1))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(run.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(run.body()).at("/trees/items")).hasSize(5);
  }
}
