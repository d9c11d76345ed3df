package dev.checkpoint.demo;

import static dev.checkpoint.demo.Trees.JSON;
import static dev.checkpoint.demo.Trees.all;
import static dev.checkpoint.demo.Trees.awaitTree;
import static dev.checkpoint.demo.Trees.is;
import static dev.checkpoint.demo.Trees.newTraceId;
import static dev.checkpoint.demo.Trees.only;
import static dev.checkpoint.demo.Trees.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.demo.Trees.Located;
import dev.checkpoint.server.CheckpointServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without RabbitMQ payments hands paid orders to shipping over HTTP, says so loudly at start, and
 * the tree shows the HTTP call instead of the message.
 */
class ShopWithoutRabbitMqTest {
  @TempDir static Path dir;
  static CheckpointServer server;
  static ShopProcesses shop;

  @BeforeAll
  static void start() throws Exception {
    int closed = ShopProcesses.freePort();
    server = ShopProcesses.startServer(dir);
    shop = new ShopProcesses(dir, "http://127.0.0.1:" + server.port());
    shop.start(Map.of("DEMO_RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:" + closed));
  }

  @AfterAll
  static void stop() throws Exception {
    if (shop != null) {
      shop.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void paidOrdersGoToShippingOverHttpAndTheLogsSaySo() throws Exception {
    assertThat(Files.readString(shop.log("payments")))
        .contains("*** payments: RabbitMQ at amqp://127.0.0.1:")
        .contains("paid orders go to shipping over HTTP POST " + shop.url(shop.shippingPort))
        .doesNotContain("guest:guest");
    assertThat(Files.readString(shop.log("shipping")))
        .contains("*** shipping: RabbitMQ at ", "paid orders arrive only by HTTP POST /shipments");

    String traceId = newTraceId();
    HttpResponse<String> placed =
        post(
            shop.url(shop.ordersPort) + "/orders",
            "{\"productId\": \"LAMP-9\", \"quantity\": 1, \"cardNumber\": \"4111111111111111\"}",
            traceId);

    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String orderId = JSON.readTree(placed.body()).path("id").asText();
    JsonNode tree =
        awaitTree(
            server.port(),
            traceId,
            nodes -> nodes.stream().anyMatch(n -> is(n, "shipping", "SQL", "INSERT shipments")));
    Located paymentsServer = only(tree, "payments", "HTTP_SERVER", "POST /payments");
    Located toShipping = only(tree, "payments", "HTTP_CLIENT", "POST /shipments");
    assertThat(toShipping.parent()).isSameAs(paymentsServer.node());
    assertThat(toShipping.node().at("/input/body/orderId").asText()).isEqualTo(orderId);
    Located shipping = only(tree, "shipping", "HTTP_SERVER", "POST /shipments");
    assertThat(shipping.parent()).isSameAs(toShipping.node());
    assertThat(only(tree, "shipping", "METHOD", "ShipmentPlanner.plan").parent())
        .isSameAs(shipping.node());
    assertThat(all(tree)).noneMatch(n -> n.node().path("kind").asText().startsWith("MESSAGE"));
  }
}
