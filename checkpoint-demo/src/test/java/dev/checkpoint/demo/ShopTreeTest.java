package dev.checkpoint.demo;

import static dev.checkpoint.demo.Trees.HTTP;
import static dev.checkpoint.demo.Trees.JSON;
import static dev.checkpoint.demo.Trees.all;
import static dev.checkpoint.demo.Trees.awaitTree;
import static dev.checkpoint.demo.Trees.is;
import static dev.checkpoint.demo.Trees.newTraceId;
import static dev.checkpoint.demo.Trees.only;
import static dev.checkpoint.demo.Trees.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import dev.checkpoint.demo.Trees.Located;
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
 * The shop end to end: a real checkpoint server, the three services as processes recording into it
 * over HTTP, Redis as orders' price cache, RabbitMQ between payments and shipping, and a real Kafka
 * broker between shipping and orders. Each test places orders with a trace id of its own and reads
 * the tree back from the server's API.
 */
class ShopTreeTest {

  @TempDir static Path dir;
  static EmbeddedKafkaBroker kafka;
  static CheckpointServer server;
  static ShopProcesses shop;

  @BeforeAll
  static void start() throws Exception {
    ShopProcesses.requireRabbitMq();
    ShopProcesses.requireRedis();
    kafka = ShopProcesses.startKafka();
    server = ShopProcesses.startServer(dir);
    shop = new ShopProcesses(dir, "http://127.0.0.1:" + server.port());
    shop.start(Map.of("DEMO_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (shop != null) {
      shop.close();
    }
    if (server != null) {
      server.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void anOrderIsOneTreeAcrossOrdersPaymentsAndShippingWithEveryPayload() throws Exception {
    assertThat(Files.readString(shop.log("payments"))).contains("publishes 'order.paid'");
    assertThat(Files.readString(shop.log("shipping"))).contains("publishes 'shipment.created'");
    assertThat(Files.readString(shop.log("orders")))
        .contains("caches prices in Redis", "reads 'shipment.created' from Kafka");

    String traceId = newTraceId();
    HttpResponse<String> placed = order("BOOK-1", 2, "4111111111111111", traceId);

    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    JsonNode order = JSON.readTree(placed.body());
    assertThat(order.path("status").asText()).isEqualTo("PAID");
    assertThat(order.path("totalCents").asLong()).isEqualTo(9000);
    String orderId = order.path("id").asText();

    JsonNode tree = shippedTree(traceId);

    Located ordersServer = only(tree, "orders", "HTTP_SERVER", "POST /orders");
    assertThat(ordersServer.parent()).isNull();
    assertThat(ordersServer.node().at("/input/body/productId").asText()).isEqualTo("BOOK-1");
    assertThat(ordersServer.node().at("/input/body/quantity").asInt()).isEqualTo(2);
    assertThat(ordersServer.node().at("/input/body/cardNumber").asText()).isEqualTo("[REDACTED]");
    assertThat(ordersServer.node().at("/output/status").asInt()).isEqualTo(201);
    assertThat(ordersServer.node().at("/output/body/id").asText()).isEqualTo(orderId);

    Located pricing = only(tree, "orders", "METHOD", "PricingService.price");
    assertThat(pricing.parent()).isSameAs(ordersServer.node());
    assertThat(pricing.node().at("/input/productId").asText()).isEqualTo("BOOK-1");
    assertThat(pricing.node().at("/output/totalCents").asLong()).isEqualTo(9000);

    // The first price of the book is a cache miss: read from SQL, then cached with a TTL.
    Located cacheMiss = only(tree, "orders", "CACHE", "GET");
    assertThat(cacheMiss.parent()).isSameAs(pricing.node());
    assertThat(cacheMiss.node().at("/input/keys/0").asText())
        .isEqualTo("checkpoint-demo:product:BOOK-1");
    assertThat(cacheMiss.node().at("/output/reply").isNull()).isTrue();

    Located catalogue = only(tree, "orders", "SQL", "SELECT products");
    assertThat(catalogue.parent()).isSameAs(pricing.node());
    assertThat(catalogue.node().at("/input/statement").asText())
        .isEqualTo("SELECT name, price_cents FROM products WHERE id = ?");
    assertThat(catalogue.node().at("/input/parameters").toString()).contains("BOOK-1");
    assertThat(catalogue.node().at("/output/rows").toString()).contains("Domain-Driven Design");

    Located cacheFill = only(tree, "orders", "CACHE", "SET");
    assertThat(cacheFill.parent()).isSameAs(pricing.node());
    assertThat(cacheFill.node().at("/input/keys/0").asText())
        .isEqualTo("checkpoint-demo:product:BOOK-1");
    assertThat(cacheFill.node().at("/input/arguments").toString())
        .contains("Domain-Driven Design", "4500", "\"EX\",\"300\"");
    assertThat(cacheFill.node().at("/output/reply").asText()).isEqualTo("OK");

    Located insertOrder = only(tree, "orders", "SQL", "INSERT orders");
    assertThat(insertOrder.parent()).isSameAs(ordersServer.node());
    assertThat(insertOrder.node().at("/input/statement").asText()).startsWith("INSERT INTO orders");

    Located client = only(tree, "orders", "HTTP_CLIENT", "POST /payments");
    assertThat(client.parent()).isSameAs(ordersServer.node());
    assertThat(client.node().at("/input/body/amountCents").asLong()).isEqualTo(9000);
    assertThat(client.node().at("/input/body/orderId").asText()).isEqualTo(orderId);
    assertThat(client.node().at("/input/body/cardNumber").asText()).isEqualTo("[REDACTED]");
    assertThat(client.node().at("/output/status").asInt()).isEqualTo(201);

    Located paymentsServer = only(tree, "payments", "HTTP_SERVER", "POST /payments");
    assertThat(paymentsServer.parent()).isSameAs(client.node());
    assertThat(paymentsServer.node().at("/input/body/amountCents").asLong()).isEqualTo(9000);
    assertThat(paymentsServer.node().at("/output/body/status").asText()).isEqualTo("AUTHORISED");

    Located fraud = only(tree, "payments", "METHOD", "FraudCheck.assess");
    assertThat(fraud.parent()).isSameAs(paymentsServer.node());
    assertThat(fraud.node().at("/input/payment/amountCents").asLong()).isEqualTo(9000);
    assertThat(fraud.node().at("/output/approved").asBoolean()).isTrue();

    Located insertPayment = only(tree, "payments", "SQL", "INSERT payments");
    assertThat(insertPayment.parent()).isSameAs(paymentsServer.node());
    assertThat(insertPayment.node().at("/input/parameters").toString())
        .contains("9000", "1111", "AUTHORISED");

    Located publish = only(tree, "payments", "MESSAGE_PUBLISH", "");
    assertThat(publish.parent()).isSameAs(paymentsServer.node());
    assertThat(publish.node().at("/input/routingKey").asText()).isEqualTo("order.paid");
    assertThat(publish.node().at("/input/body/orderId").asText()).isEqualTo(orderId);
    assertThat(publish.node().at("/input/body/amountCents").asLong()).isEqualTo(9000);

    Located consume = only(tree, "shipping", "MESSAGE_CONSUME", "CONSUME shipping.order-paid");
    assertThat(consume.parent()).isSameAs(publish.node());
    assertThat(consume.node().at("/input/body/orderId").asText()).isEqualTo(orderId);

    Located plan = only(tree, "shipping", "METHOD", "ShipmentPlanner.plan");
    assertThat(plan.parent()).isSameAs(consume.node());
    assertThat(plan.node().at("/output/carrier").asText()).isEqualTo("courier");

    Located insertShipment = only(tree, "shipping", "SQL", "INSERT shipments");
    assertThat(insertShipment.parent()).isSameAs(consume.node());
    assertThat(insertShipment.node().at("/input/parameters").toString()).contains("courier");

    Located event = only(tree, "shipping", "MESSAGE_PUBLISH", "PUBLISH shipment.created");
    assertThat(event.parent()).isSameAs(consume.node());
    assertThat(event.node().at("/input/topic").asText()).isEqualTo("shipment.created");
    assertThat(event.node().at("/input/key").asText()).isEqualTo(orderId);
    assertThat(event.node().at("/input/body/carrier").asText()).isEqualTo("courier");
    assertThat(event.node().at("/output/partition").asInt()).isZero();

    // orders' consumer joins the tree through the record's traceparent header.
    Located shipped = only(tree, "orders", "MESSAGE_CONSUME", "CONSUME shipment.created");
    assertThat(shipped.parent()).isSameAs(event.node());
    assertThat(shipped.node().at("/input/body/orderId").asText()).isEqualTo(orderId);
    Located markShipped =
        all(tree).stream().filter(n -> marksTheOrderShipped(n.node())).findFirst().orElseThrow();
    assertThat(markShipped.parent()).isSameAs(shipped.node());
    assertThat(markShipped.node().at("/input/parameters/1").asText()).isEqualTo(orderId);
    assertThat(markShipped.node().at("/output/updateCount").asInt()).isEqualTo(1);

    HttpResponse<String> read =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(shop.url(shop.ordersPort) + "/orders/" + orderId))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(read.body()).path("shipped").asBoolean()).as(read.body()).isTrue();

    HttpResponse<String> shipment =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(shop.url(shop.shippingPort) + "/shipments/" + orderId))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(shipment.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(shipment.body()).path("carrier").asText()).isEqualTo("courier");

    // The book's next price is a cache hit: no SQL.
    String again = newTraceId();
    HttpResponse<String> second = order("BOOK-1", 1, "4111111111111111", again);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    JsonNode hitTree = shippedTree(again);
    Located cacheHit = only(hitTree, "orders", "CACHE", "GET");
    assertThat(cacheHit.node().at("/output/reply").asText())
        .isEqualTo("{\"name\":\"Domain-Driven Design\",\"priceCents\":4500}");
    assertThat(all(hitTree))
        .noneMatch(n -> is(n.node(), "orders", "SQL", "SELECT products"))
        .noneMatch(n -> is(n.node(), "orders", "CACHE", "SET"));
    assertThat(
            only(hitTree, "orders", "METHOD", "PricingService.price")
                .node()
                .at("/output/totalCents")
                .asLong())
        .isEqualTo(4500);
  }

  private static HttpResponse<String> order(
      String productId, int quantity, String cardNumber, String traceId) throws Exception {
    return post(
        shop.url(shop.ordersPort) + "/orders",
        JSON.createObjectNode()
            .put("productId", productId)
            .put("quantity", quantity)
            .put("cardNumber", cardNumber)
            .toString(),
        traceId);
  }

  /** The tree of a paid order, once orders has read shipping's event and marked it shipped. */
  private static JsonNode shippedTree(String traceId) {
    return awaitTree(
        server.port(),
        traceId,
        nodes -> nodes.stream().anyMatch(ShopTreeTest::marksTheOrderShipped));
  }

  private static boolean marksTheOrderShipped(JsonNode node) {
    return is(node, "orders", "SQL", "UPDATE orders")
        && node.at("/input/statement").asText().contains("SET shipped = 1");
  }

  @Test
  void aDeclinedCardIs402WithTheReasonAndNothingIsShipped() throws Exception {
    String traceId = newTraceId();
    HttpResponse<String> declined = order("MUG-2", 1, "4000000000000002", traceId);

    assertThat(declined.statusCode()).isEqualTo(402);
    assertThat(JSON.readTree(declined.body()).path("detail").asText())
        .isEqualTo("card declined by issuer");
    JsonNode tree =
        awaitTree(
            server.port(),
            traceId,
            nodes -> nodes.stream().anyMatch(n -> is(n, "orders", "SQL", "UPDATE")));
    assertThat(only(tree, "payments", "METHOD", "FraudCheck.assess").node().at("/output/reason"))
        .hasToString("\"card declined by issuer\"");
    assertThat(only(tree, "payments", "HTTP_SERVER", "POST /payments").node().at("/output/status"))
        .hasToString("402");
    assertThat(all(tree)).noneMatch(n -> n.node().path("kind").asText().startsWith("MESSAGE"));
  }

  @Test
  void anUnknownProductIs404WithAJsonErrorAndTheMethodCheckpointCarriesTheError() throws Exception {
    String traceId = newTraceId();
    HttpResponse<String> missing = order("NOPE-0", 1, "4111111111111111", traceId);

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).path("error").asText()).isEqualTo("unknown_product");
    JsonNode tree =
        awaitTree(
            server.port(),
            traceId,
            nodes -> nodes.stream().anyMatch(n -> is(n, "orders", "HTTP_SERVER", "POST /orders")));
    Located pricing = only(tree, "orders", "METHOD", "PricingService.price");
    assertThat(pricing.node().at("/error/type").asText()).endsWith("UnknownProductException");
    assertThat(all(tree)).noneMatch(n -> n.node().path("service").asText().equals("payments"));
  }

  @Test
  void getOrderIsNamedByItsRoute() throws Exception {
    String traceId = newTraceId();
    HttpResponse<String> unknown =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(shop.url(shop.ordersPort) + "/orders/no-such-order"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode tree = awaitTree(server.port(), traceId, nodes -> !nodes.isEmpty());
    assertThat(only(tree, "orders", "HTTP_SERVER", "GET /orders/{id}").node().at("/output/status"))
        .hasToString("404");
  }
}
