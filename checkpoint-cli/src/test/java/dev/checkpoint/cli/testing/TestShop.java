package dev.checkpoint.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.export.ExportSettings;
import dev.checkpoint.core.propagation.W3cPropagation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tiny order service on a JDK HTTP server, recording with checkpoint-core in ON_DEMAND mode into
 * a checkpoint server: only requests carrying a run id in {@code baggage} are recorded. Answers
 * carry noise (a random id and nonce, a UUID, the current time); {@link #promotion} changes one
 * field deep in the tree that the response does not show.
 */
public final class TestShop implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** When set, the pricing rule recorded inside POST /orders changes; nothing else does. */
  public final AtomicBoolean promotion = new AtomicBoolean();

  private final HttpServer http;
  private final CheckpointRecorder recorder;

  private TestShop(HttpServer http, CheckpointRecorder recorder) {
    this.http = http;
    this.recorder = recorder;
  }

  /** Starts the shop on a free port, exporting to the checkpoint server at {@code server}. */
  public static TestShop start(String server) throws IOException {
    ExportSettings fast =
        ExportSettings.builder()
            .exportInterval(Duration.ofMillis(100))
            .retryWindow(Duration.ofSeconds(1))
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofSeconds(1))
            .requestTimeout(Duration.ofSeconds(5))
            .build();
    return start(
        CheckpointRecorder.builder()
            .service("shop")
            .mode(RecordingMode.ON_DEMAND)
            .exporter(
                CheckpointExporter.http(URI.create(server)).service("shop").settings(fast).build())
            .build(),
        0);
  }

  private static TestShop start(CheckpointRecorder recorder, int port) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    TestShop shop = new TestShop(http, recorder);
    http.createContext("/", shop::handle);
    http.start();
    return shop;
  }

  /**
   * Runs the shop as its own process, configured like any instrumented service by {@code
   * CHECKPOINT_*} environment variables (which the scenario runner sets).
   *
   * @param args the port
   */
  public static void main(String[] args) throws IOException {
    TestShop shop =
        start(
            CheckpointRecorder.fromConfig(CheckpointConfig.fromEnvironment()),
            Integer.parseInt(args[0]));
    System.out.println(
        "shop listening on " + shop.url() + " as pid " + ProcessHandle.current().pid());
  }

  /** The base URL. */
  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals("/health")) {
      send(exchange, 200, JSON.createObjectNode().put("status", "UP"));
      return;
    }
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    JsonNode body = bytes.length == 0 ? NullNode.getInstance() : JSON.readTree(bytes);
    Context parent =
        W3cPropagation.extract(
                exchange.getRequestHeaders().getFirst("traceparent"),
                exchange.getRequestHeaders().getFirst("baggage"))
            .orElse(null);
    boolean create = method.equals("POST") && path.equals("/orders");
    ObjectNode input = JSON.createObjectNode().put("method", method).put("path", path);
    input.set("body", body);
    RecordingCheckpoint server =
        recorder.startDetached(
            Kind.HTTP_SERVER, create ? "POST /orders" : method + " /orders/{id}", input, parent);
    ObjectNode answer = JSON.createObjectNode();
    int status;
    try (Scope scope = server.isRecording() ? server.context().makeCurrent() : null) {
      if (create) {
        answer.put("id", ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        answer.put("reference", UUID.randomUUID().toString());
        answer.put("createdAt", Instant.now().toString());
        answer.put("nonce", ThreadLocalRandom.current().nextLong());
        answer.put("customer", body.path("customer").asText());
        answer.put("price", price(body.path("sku").asText()));
        status = 201;
      } else {
        answer.put("id", path.substring(path.lastIndexOf('/') + 1));
        answer.put("state", "PLACED");
        status = 200;
      }
    }
    server.setOutput(JSON.createObjectNode().put("status", status).set("body", answer));
    server.close();
    send(exchange, status, answer);
  }

  private double price(String sku) {
    try (ActiveCheckpoint pricing =
        recorder.start(
            Kind.METHOD, "PricingService.price", JSON.createObjectNode().put("sku", sku))) {
      ObjectNode output =
          JSON.createObjectNode()
              .put("price", 12.5)
              .put("rule", promotion.get() ? "promotion" : "standard");
      pricing.setOutput(output);
      return 12.5;
    }
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    recorder.shutdown(Duration.ofSeconds(5));
  }
}
