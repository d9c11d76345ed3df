package dev.checkpoint.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.export.ExportSettings;
import dev.checkpoint.core.propagation.W3cPropagation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A front service in front of {@link TestShop}: {@code POST /checkout} places an order at the shop
 * over HTTP, recording its own {@code HTTP_SERVER} and {@code HTTP_CLIENT} checkpoints and passing
 * the tree on in {@code traceparent} and {@code baggage}, so that the shop's checkpoints join its
 * tree, one service below it (ON_DEMAND, like the shop).
 */
public final class FrontDesk implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer http;
  private final CheckpointRecorder recorder;
  private final URI shop;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private FrontDesk(HttpServer http, CheckpointRecorder recorder, URI shop) {
    this.http = http;
    this.recorder = recorder;
    this.shop = shop;
  }

  /** Starts the front desk on a free port, calling the shop at {@code shop}. */
  public static FrontDesk start(String server, String shop) throws IOException {
    ExportSettings fast =
        ExportSettings.builder()
            .exportInterval(Duration.ofMillis(100))
            .retryWindow(Duration.ofSeconds(1))
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofSeconds(1))
            .requestTimeout(Duration.ofSeconds(5))
            .build();
    CheckpointRecorder recorder =
        CheckpointRecorder.builder()
            .service("front")
            .mode(RecordingMode.ON_DEMAND)
            .exporter(
                CheckpointExporter.http(URI.create(server)).service("front").settings(fast).build())
            .build();
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FrontDesk front = new FrontDesk(http, recorder, URI.create(shop + "/orders"));
    http.createContext("/", front::handle);
    http.start();
    return front;
  }

  /** The base URL. */
  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Context parent =
        W3cPropagation.extract(
                exchange.getRequestHeaders().getFirst("traceparent"),
                exchange.getRequestHeaders().getFirst("baggage"))
            .orElse(null);
    ObjectNode input = JSON.createObjectNode().put("method", "POST").put("path", "/checkout");
    input.set("body", JSON.readTree(body));
    RecordingCheckpoint checkout =
        recorder.startDetached(Kind.HTTP_SERVER, "POST /checkout", input, parent);
    ObjectNode callInput = JSON.createObjectNode().put("method", "POST").put("url", "/orders");
    callInput.set("body", JSON.readTree(body));
    RecordingCheckpoint call =
        recorder.startDetached(
            Kind.HTTP_CLIENT,
            "POST /orders",
            callInput,
            checkout.isRecording() ? checkout.context() : parent);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(shop)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (call.isRecording()) {
      W3cPropagation.inject(call.context(), null, request::header);
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    JsonNode answer = JSON.readTree(response.body());
    call.setOutput(
        JSON.createObjectNode().put("status", response.statusCode()).set("body", answer));
    call.close();
    checkout.setOutput(JSON.createObjectNode().put("status", 201).set("body", answer));
    checkout.close();
    byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(201, bytes.length);
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
