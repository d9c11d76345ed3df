package dev.checkpoint.demo;

import static dev.checkpoint.demo.Trees.HTTP;
import static dev.checkpoint.demo.Trees.awaitTree;
import static dev.checkpoint.demo.Trees.is;
import static dev.checkpoint.demo.Trees.newTraceId;
import static dev.checkpoint.demo.Trees.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.server.CheckpointServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DEMO_INSTRUMENTATION=none}: payments runs as if it had never added Checkpoint, the
 * baseline of the overhead measurement. It serves payments and sends no checkpoint, although it is
 * told to record (mode ON) into a server that the same service with Checkpoint records into.
 */
class WithoutCheckpointTest {
  private static final String PAYMENT =
      "{\"orderId\": \"o-1\", \"amountCents\": 1299, \"cardNumber\": \"4111111111111111\"}";

  @TempDir static Path dir;
  static CheckpointServer server;
  static ShopProcesses without;
  static ShopProcesses with;
  static int withoutPort;
  static int withPort;

  @BeforeAll
  static void start() throws Exception {
    ShopProcesses.requireRabbitMq();
    server = ShopProcesses.startServer(dir);
    String serverUrl = "http://127.0.0.1:" + server.port();
    // Each in a directory of its own: a payments start recreates its SQLite file.
    without = new ShopProcesses(Files.createDirectories(dir.resolve("without")), serverUrl);
    with = new ShopProcesses(Files.createDirectories(dir.resolve("with")), serverUrl);
    withoutPort = ShopProcesses.freePort();
    withPort = ShopProcesses.freePort();
    without.start(
        "payments", PaymentsService.class, withoutPort, Map.of("DEMO_INSTRUMENTATION", "none"));
    with.start("payments", PaymentsService.class, withPort, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (without != null) {
      without.close();
    }
    if (with != null) {
      with.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void servesPaymentsAndSendsNoCheckpoint() throws Exception {
    assertThat(Files.readString(without.log("payments")))
        .contains("(without Checkpoint: instrumentation none)")
        .contains("*** payments: publishes 'order.paid' to RabbitMQ exchange 'shop'");
    assertThat(Files.readString(with.log("payments")))
        .contains("(Checkpoint recording ON, service name payments)");

    String withoutTrace = newTraceId();
    HttpResponse<String> paid = post(without.url(withoutPort) + "/payments", PAYMENT, withoutTrace);
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
    assertThat(post(without.url(withoutPort) + "/payments", "{}", withoutTrace).statusCode())
        .isEqualTo(400);
    String withTrace = newTraceId();
    assertThat(post(with.url(withPort) + "/payments", PAYMENT, withTrace).statusCode())
        .isEqualTo(201);

    // The recorded payment arrives, every kind the demo instruments included; the one without
    // Checkpoint, sent first, would have been exported by then.
    awaitTree(
        server.port(),
        withTrace,
        nodes ->
            nodes.stream().anyMatch(n -> is(n, "payments", "HTTP_SERVER", "POST /payments"))
                && nodes.stream().anyMatch(n -> is(n, "payments", "METHOD", "FraudCheck.assess"))
                && nodes.stream().anyMatch(n -> is(n, "payments", "SQL", "INSERT payments"))
                && nodes.stream().anyMatch(n -> is(n, "payments", "MESSAGE_PUBLISH", "")));
    HttpResponse<String> nothing =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + server.port() + "/api/v1/traces/" + withoutTrace))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(nothing.statusCode()).as(nothing.body()).isEqualTo(404);
  }
}
