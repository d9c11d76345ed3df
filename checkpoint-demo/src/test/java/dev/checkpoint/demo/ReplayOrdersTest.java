package dev.checkpoint.demo;

import static dev.checkpoint.demo.Trees.HTTP;
import static dev.checkpoint.demo.Trees.all;
import static dev.checkpoint.demo.Trees.awaitTree;
import static dev.checkpoint.demo.Trees.is;
import static dev.checkpoint.demo.Trees.newTraceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.demo.Trees.Located;
import dev.checkpoint.demo.internal.Redis;
import dev.checkpoint.server.CheckpointServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay mode on the real shop: a run of orders recorded with payments and shipping, then orders
 * alone in REPLAY mode from that run, payments and shipping not running and its database unused
 * (its HTTP, SQL and generated ids answered from the recording), each recorded entry request sent
 * again with the replay baggage: every replayed tree equals the recorded one, three times in a row,
 * with no noise rules (only the W3C propagation headers, new on every request, are left out). Its
 * Redis price cache is the real one, emptied before each round.
 */
class ReplayOrdersTest {

  private static final String RUN = "recorded-orders";

  @TempDir Path dir;

  /** A recorded entry request of orders and its tree as orders recorded it. */
  private record Entry(String method, String path, String body, String traceId, JsonNode root) {}

  @Test
  void anUnchangedOrdersBuildReplaysEveryEntryToTheRecordedTreeThreeTimesInARow() throws Exception {
    ShopProcesses.requireRabbitMq();
    ShopProcesses.requireRedis();
    try (CheckpointServer server = ShopProcesses.startServer(dir)) {
      String serverUrl = "http://127.0.0.1:" + server.port();
      List<Entry> entries = new ArrayList<>();
      int ordersPort;
      String paymentsUrl;
      try (ShopProcesses shop = new ShopProcesses(dir, serverUrl)) {
        shop.start(Map.of("CHECKPOINT_RUN_ID", RUN));
        ordersPort = shop.ordersPort;
        paymentsUrl = shop.url(shop.paymentsPort);
        String orders = shop.url(ordersPort) + "/orders";
        entries.add(record(server, "POST", orders, order("BOOK-1", 2, "4111111111111111"), true));
        entries.add(record(server, "POST", orders, order("LAMP-9", 1, "4111111111111111"), true));
        entries.add(record(server, "POST", orders, order("MUG-2", 1, "4000000000000002"), false));
        entries.add(record(server, "POST", orders, order("NOPE-0", 1, "4111111111111111"), false));
        String paidId = entries.get(0).root().at("/output/body/id").asText();
        entries.add(record(server, "GET", orders + "/" + paidId, null, false));
      }

      ShopProcesses replaying = new ShopProcesses(dir, serverUrl);
      try (replaying) {
        // Payments and shipping are not running: a call that reached them would fail.
        replaying.start(
            "orders",
            OrdersService.class,
            ordersPort,
            Map.of(
                "CHECKPOINT_MODE", "REPLAY",
                "CHECKPOINT_REPLAY_SOURCE", serverUrl,
                "CHECKPOINT_REPLAY_RUN", RUN,
                "DEMO_PAYMENTS_URL", paymentsUrl));
        for (int round = 1; round <= 3; round++) {
          // Redis is not answered from the recording: orders' cache is the real one, emptied
          // before each round as it was when the recording began, so each round misses as the
          // recording did.
          Redis.deleteShopKeys("redis://127.0.0.1:6379");
          for (Entry entry : entries) {
            JsonNode replayed = replay(server, replaying.url(ordersPort), entry, "replay-" + round);
            assertThat(replayed.path("runId").asText()).isEqualTo("replay-" + round);
            assertSameTree(entry.root(), replayed, entry.method() + " " + entry.path());
          }
        }
        assertThat(Files.readString(replaying.log("orders"))).doesNotContain("Exception");
      }
    }
  }

  private static String order(String product, int quantity, String card) {
    return "{\"productId\": \""
        + product
        + "\", \"quantity\": "
        + quantity
        + ", \"cardNumber\": \""
        + card
        + "\"}";
  }

  /** Sends a request to the recording shop and returns orders' part of its tree. */
  private static Entry record(
      CheckpointServer server, String method, String url, String body, boolean shipped)
      throws Exception {
    String traceId = newTraceId();
    HttpResponse<String> response =
        body == null ? Trees.get(url, traceId) : Trees.post(url, body, traceId);
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 404);
    JsonNode tree =
        awaitTree(
            server.port(),
            traceId,
            nodes ->
                nodes.stream().anyMatch(n -> is(n, "orders", "HTTP_SERVER", ""))
                    && (!shipped || nodes.stream().anyMatch(n -> is(n, "shipping", "SQL", ""))));
    JsonNode root = ordersRoot(tree);
    return new Entry(method, URI.create(url).getRawPath(), body, traceId, root);
  }

  /** Sends a recorded entry request to orders in REPLAY mode and returns the tree it records. */
  private static JsonNode replay(CheckpointServer server, String ordersUrl, Entry entry, String run)
      throws Exception {
    String traceId = newTraceId();
    String key = entry.traceId() + ":" + entry.root().path("id").asText();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ordersUrl + entry.path()))
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .header(
                Baggage.HEADER,
                Baggage.empty().with(Baggage.RUN_KEY, run).with(Baggage.REPLAY_KEY, key).format());
    if (entry.body() == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(entry.body()));
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(response.body())
        .isEqualTo(entry.root().at("/output/status").asInt());
    return ordersRoot(
        awaitTree(
            server.port(),
            traceId,
            nodes -> nodes.stream().anyMatch(n -> is(n, "orders", "HTTP_SERVER", ""))));
  }

  private static JsonNode ordersRoot(JsonNode tree) {
    List<Located> roots =
        all(tree).stream().filter(n -> is(n.node(), "orders", "HTTP_SERVER", "")).toList();
    assertThat(roots).hasSize(1);
    return roots.get(0).node();
  }

  /**
   * The same checkpoints in the same order with the same name, input, output, error and attributes;
   * what orders called in other services is not part of orders' tree.
   */
  private static void assertSameTree(JsonNode recorded, JsonNode replayed, String entry) {
    List<JsonNode> expected = flatten(recorded);
    List<JsonNode> actual = flatten(replayed);
    assertThat(actual.stream().map(ReplayOrdersTest::label).toList())
        .as("the checkpoints of %s", entry)
        .isEqualTo(expected.stream().map(ReplayOrdersTest::label).toList());
    for (int i = 0; i < expected.size(); i++) {
      String at = entry + " > " + label(expected.get(i));
      assertThat(comparable(actual.get(i))).as(at).isEqualTo(comparable(expected.get(i)));
    }
  }

  private static String label(JsonNode node) {
    return node.path("kind").asText() + " " + node.path("name").asText();
  }

  private static List<JsonNode> flatten(JsonNode root) {
    List<JsonNode> nodes = new ArrayList<>();
    List<JsonNode> stack = new ArrayList<>(List.of(root));
    while (!stack.isEmpty()) {
      JsonNode node = stack.remove(stack.size() - 1);
      if (!node.path("service").asText().equals("orders")) {
        continue;
      }
      nodes.add(node);
      JsonNode children = node.path("children");
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.add(children.get(i));
      }
    }
    return nodes;
  }

  /**
   * What is compared: input (without the W3C propagation headers, new on every request), output,
   * error type and message, attributes.
   */
  private static JsonNode comparable(JsonNode node) {
    ObjectNode fields = Trees.JSON.createObjectNode();
    JsonNode input = node.path("input").deepCopy();
    if (input.path("headers") instanceof ObjectNode headers) {
      headers.remove(List.of("traceparent", "tracestate", "baggage"));
    }
    fields.set("input", input);
    fields.set("output", node.path("output"));
    fields.put("errorType", node.path("error").path("type").asText(null));
    fields.put("errorMessage", node.path("error").path("message").asText(null));
    fields.set("attributes", node.path("attributes"));
    return fields;
  }
}
