package dev.checkpoint.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.Normaliser;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Trees shaped like the demo shop's, in the wire format, noise marked by the defaults. */
final class ShopTrees {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ORDER_ID = "3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8";
  static final String PAYMENT_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  private ShopTrees() {}

  /** orders POST /orders -> payments POST /payments -> publish order.paid -> shipping consume. */
  static List<CheckpointNode> placeOrder(String paymentId, String trace) {
    List<JsonNode> wire = new ArrayList<>();
    wire.add(
        checkpoint(
            trace,
            "a000000000000001",
            null,
            "orders",
            "HTTP_SERVER",
            "POST /orders",
            1,
            "{\"method\":\"POST\",\"path\":\"/orders\",\"body\":{\"productId\":\"BOOK-1\","
                + "\"cardNumber\":\"[REDACTED]\"}}",
            "{\"status\":201,\"body\":{\"id\":\""
                + ORDER_ID
                + "\",\"paymentId\":\""
                + paymentId
                + "\"}}",
            "[\"input.body.cardNumber\"]"));
    wire.add(
        checkpoint(
            trace,
            "a000000000000002",
            "a000000000000001",
            "orders",
            "HTTP_CLIENT",
            "POST /payments",
            2,
            "{\"method\":\"POST\",\"url\":\"http://127.0.0.1:41234/payments\","
                + "\"headers\":{\"content-type\":\"application/json\",\"user-agent\":\"Java\"},"
                + "\"body\":{\"orderId\":\""
                + ORDER_ID
                + "\",\"amountCents\":9000,"
                + "\"cardNumber\":\"[REDACTED]\"}}",
            "{\"status\":201,\"headers\":{\"content-type\":\"application/json\","
                + "\"date\":\"Sat, 05 Dec 2026 18:00:00 GMT\"},\"body\":{\"paymentId\":\""
                + paymentId
                + "\",\"orderId\":\""
                + ORDER_ID
                + "\",\"amountCents\":9000,"
                + "\"status\":\"AUTHORISED\"}}",
            "[\"input.body.cardNumber\"]"));
    wire.add(
        checkpoint(
            trace,
            "a000000000000003",
            "a000000000000002",
            "payments",
            "HTTP_SERVER",
            "POST /payments",
            3,
            "{\"method\":\"POST\",\"path\":\"/payments\",\"body\":{}}",
            "{\"status\":201,\"body\":{}}",
            "[]"));
    wire.add(
        checkpoint(
            trace,
            "a000000000000004",
            "a000000000000003",
            "payments",
            "MESSAGE_PUBLISH",
            "PUBLISH shop",
            4,
            "{\"exchange\":\"shop\",\"routingKey\":\"order.paid\",\"properties\":"
                + "{\"contentType\":\"application/json\"},\"body\":{\"orderId\":\""
                + ORDER_ID
                + "\",\"paymentId\":\""
                + paymentId
                + "\",\"amountCents\":9000}}",
            "null",
            "[]"));
    wire.add(
        checkpoint(
            trace,
            "a000000000000005",
            "a000000000000004",
            "shipping",
            "MESSAGE_CONSUME",
            "CONSUME shipping.order-paid",
            5,
            "{\"body\":{}}",
            "null",
            "[]"));
    wire.add(
        checkpoint(
            trace,
            "a000000000000006",
            "a000000000000005",
            "shipping",
            "SQL",
            "INSERT shipments",
            6,
            "{\"statement\":\"INSERT INTO shipments VALUES (?)\",\"parameters\":[\""
                + ORDER_ID
                + "\"]}",
            "{\"updateCount\":1}",
            "[]"));
    wire.add(
        checkpoint(
            trace,
            "a000000000000007",
            "a000000000000001",
            "orders",
            "SQL",
            "UPDATE orders",
            7,
            "{\"statement\":\"UPDATE orders SET payment_id = ? WHERE id = ?\",\"parameters\":[\""
                + paymentId
                + "\",\""
                + ORDER_ID
                + "\"]}",
            "{\"updateCount\":1}",
            "[]"));
    return Normaliser.defaults().normalise(CheckpointTrees.assemble(wire));
  }

  /** A tree of one service that calls nobody. */
  static List<CheckpointNode> alone() {
    return Normaliser.defaults()
        .normalise(
            CheckpointTrees.assemble(
                List.of(
                    checkpoint(
                        "0af7651916cd43dd8448eb211c80319d",
                        "b000000000000001",
                        null,
                        "shipping",
                        "HTTP_SERVER",
                        "GET /health",
                        1,
                        "{\"method\":\"GET\",\"path\":\"/health\"}",
                        "{\"status\":200}",
                        "[]"))));
  }

  static ObjectNode checkpoint(
      String trace,
      String id,
      String parentId,
      String service,
      String kind,
      String name,
      long start,
      String input,
      String output,
      String redacted) {
    ObjectNode checkpoint = JSON.createObjectNode();
    checkpoint.put("id", id);
    checkpoint.put("traceId", trace);
    checkpoint.put("parentId", parentId);
    checkpoint.put("service", service);
    checkpoint.put("kind", kind);
    checkpoint.put("name", name);
    checkpoint.put("startTimeUnixNano", Long.toString(1763900000000000000L + start));
    checkpoint.set("input", json(input));
    checkpoint.set("output", json(output));
    checkpoint.set("redacted", json(redacted));
    return checkpoint;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
