package dev.checkpoint.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.ReplayRunLabels;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real recordings sent through the ingestion API, one batch per service as the services' exporters
 * would send them: a checkout that crosses three services with every kind of checkpoint and one
 * error.
 */
final class Recordings {
  static final String CHECKOUT_A = "1a2b3c4d5e6f708192a3b4c5d6e7f801";
  static final String ORDER_LOOKUP_A = "1a2b3c4d5e6f708192a3b4c5d6e7f802";
  static final String CHECKOUT_B = "2b3c4d5e6f708192a3b4c5d6e7f80912";

  private final Http http;
  private final Map<String, List<ObjectNode>> byService = new LinkedHashMap<>();
  private String runId;
  private String traceId;
  private long clock;
  private int sequence;
  private int trees;

  Recordings(Http http) {
    this.http = http;
  }

  /** Creates a run with a name and labels. */
  void run(String id, String name, String sha) {
    ObjectNode run = Batches.MAPPER.createObjectNode();
    run.put("id", id);
    run.put("name", name);
    run.put("scenario", "checkout");
    run.putObject("labels").put("git.sha", sha).put("branch", "main");
    assertThat(http.post("/api/v1/runs", Batches.json(run), Http.withJson()).statusCode())
        .isBetween(200, 201);
  }

  /**
   * A checkout: shop receives POST /orders, places the order, calls payments (which writes and
   * reads its database) and publishes an event that mailer consumes and fails to send.
   */
  void checkout(String run, String trace, String paymentStatus, boolean fraudCheck) {
    start(run, trace);
    String root =
        add(
            null,
            "shop",
            "HTTP_SERVER",
            "POST /orders",
            40,
            json(
                "{\"method\":\"POST\",\"path\":\"/orders\",\"query\":\"express=true\","
                    + "\"headers\":{\"host\":\"shop.local:8080\",\"content-type\":\"application/json\","
                    + "\"authorization\":\"<redacted>\"},\"body\":{\"item\":\"book\",\"qty\":2}}"),
            json(
                "{\"status\":201,\"headers\":{\"content-type\":\"application/json\"},"
                    + "\"body\":{\"orderId\":\"o-1\",\"payment\":\""
                    + paymentStatus
                    + "\"}}"),
            null,
            List.of(),
            List.of("input.headers.authorization"));
    String place =
        add(
            root,
            "shop",
            "METHOD",
            "OrderService.place",
            35,
            json("{\"item\":\"book\",\"qty\":2}"),
            json("{\"orderId\":\"o-1\"}"),
            null,
            List.of(),
            List.of());
    String client =
        add(
            place,
            "shop",
            "HTTP_CLIENT",
            "POST payments:/payments",
            20,
            json(
                "{\"method\":\"POST\",\"url\":\"http://payments:8081/payments\","
                    + "\"headers\":{\"content-type\":\"application/json\"},"
                    + "\"body\":{\"orderId\":\"o-1\",\"amount\":12.5}}"),
            json("{\"status\":201,\"headers\":{},\"body\":{\"status\":\"" + paymentStatus + "\"}}"),
            null,
            List.of(),
            List.of());
    payments(client, paymentStatus, fraudCheck);
    String publish =
        add(
            place,
            "shop",
            "MESSAGE_PUBLISH",
            "orders.created",
            2,
            json(
                "{\"destination\":\"orders\",\"routingKey\":\"orders.created\","
                    + "\"body\":{\"orderId\":\"o-1\"}}"),
            null,
            null,
            List.of(),
            List.of());
    String consume =
        add(
            publish,
            "mailer",
            "MESSAGE_CONSUME",
            "orders.created",
            6,
            json("{\"destination\":\"orders\",\"body\":{\"orderId\":\"o-1\"}}"),
            null,
            null,
            List.of(),
            List.of());
    add(
        consume,
        "mailer",
        "METHOD",
        "Mailer.send",
        5,
        json("{\"to\":\"ada@example.com\"}"),
        null,
        json(
            "{\"type\":\"java.io.IOException\",\"message\":\"SMTP server did not answer in 5 s\","
                + "\"stack\":[\"dev.shop.Mailer.send(Mailer.java:42)\","
                + "\"dev.shop.OrderListener.onMessage(OrderListener.java:17)\"]}"),
        List.of(),
        List.of());
    send();
  }

  /**
   * Payments' part of a checkout: {@code POST /payments} under {@code parentId} (the shop's call),
   * or as a root ({@code null}), as payments replayed alone records it.
   */
  private void payments(String parentId, String paymentStatus, boolean fraudCheck) {
    String server =
        add(
            parentId,
            "payments",
            "HTTP_SERVER",
            "POST /payments",
            18,
            json(
                "{\"method\":\"POST\",\"path\":\"/payments\",\"headers\":{},"
                    + "\"body\":{\"orderId\":\"o-1\",\"amount\":12.5}}"),
            json("{\"status\":201,\"headers\":{},\"body\":{\"status\":\"" + paymentStatus + "\"}}"),
            null,
            List.of(),
            List.of());
    if (fraudCheck) {
      add(
          server,
          "payments",
          "METHOD",
          "FraudCheck.score",
          2,
          json("{\"amount\":12.5}"),
          json("{\"score\":3}"),
          null,
          List.of(),
          List.of());
    }
    add(
        server,
        "payments",
        "SQL",
        "INSERT payments",
        3,
        json(
            "{\"statement\":\"insert into payments (id, order_id, amount) values (?, ?, ?)\","
                + "\"parameters\":{\"1\":\"p-1\",\"2\":\"o-1\",\"3\":12.5}}"),
        json("{\"updateCount\":1}"),
        null,
        List.of(),
        List.of());
    add(
        server,
        "payments",
        "SQL",
        "SELECT payments",
        2,
        json(
            "{\"statement\":\"select id, status from payments where order_id = ? and status"
                + " = 'NEW' order by id\",\"parameters\":{\"1\":\"o-1\"}}"),
        json(
            "{\"rows\":[{\"id\":\"p-1\",\"status\":\"NEW\"},{\"id\":\"p-2\",\"status\":\"NEW\"}]}"),
        null,
        List.of("output.rows"),
        List.of());
  }

  /** Creates a run labelled as {@code checkpoint replay} labels its run. */
  void replayRun(String id, String replays, String service) {
    ObjectNode run = Batches.MAPPER.createObjectNode();
    run.put("id", id);
    run.put("name", "replay of " + replays);
    run.putObject("labels")
        .put(ReplayRunLabels.REPLAYS, replays)
        .put(ReplayRunLabels.SERVICE, service);
    assertThat(http.post("/api/v1/runs", Batches.json(run), Http.withJson()).statusCode())
        .isBetween(200, 201);
  }

  /** Payments replayed alone: its part of a checkout, as a tree of its own in a replay run. */
  void paymentsReplayed(String run, String trace, String paymentStatus) {
    start(run, trace);
    payments(null, paymentStatus, false);
    send();
  }

  /** A second tree in the same run: looking an order up. */
  void orderLookup(String run, String trace) {
    start(run, trace);
    String root =
        add(
            null,
            "shop",
            "HTTP_SERVER",
            "GET /orders/{id}",
            8,
            json("{\"method\":\"GET\",\"path\":\"/orders/o-1\",\"headers\":{}}"),
            json("{\"status\":200,\"headers\":{},\"body\":{\"orderId\":\"o-1\"}}"),
            null,
            List.of(),
            List.of());
    add(
        root,
        "shop",
        "CACHE",
        "GET",
        1,
        json("{\"command\":\"GET\",\"keys\":[\"order:o-1\"],\"arguments\":[]}"),
        json("{\"reply\":null}"),
        null,
        List.of(),
        List.of());
    add(
        root,
        "shop",
        "SQL",
        "SELECT orders",
        2,
        json(
            "{\"statement\":\"select * from orders where id = ?\",\"parameters\":{\"1\":\"o-1\"}}"),
        json("{\"rows\":[{\"id\":\"o-1\",\"item\":\"book\"}]}"),
        null,
        List.of(),
        List.of());
    send();
  }

  /** Starts a tree of one run; {@link #add} then records its checkpoints. */
  void start(String run, String trace) {
    runId = run;
    traceId = trace;
    // A second apart, so that every listing orders the trees the same way.
    clock = Batches.T0 + trees++ * 1_000_000_000L;
    byService.clear();
  }

  /** Records a checkpoint that starts one millisecond after the previous one; returns its id. */
  String add(
      String parentId,
      String service,
      String kind,
      String name,
      long millis,
      JsonNode input,
      JsonNode output,
      JsonNode error,
      List<String> truncated,
      List<String> redacted) {
    String id = String.format("%016x", 0x1000L + ++sequence);
    ObjectNode checkpoint = Batches.MAPPER.createObjectNode();
    checkpoint.put("id", id);
    checkpoint.put("traceId", traceId);
    checkpoint.put("parentId", parentId);
    checkpoint.put("runId", runId);
    checkpoint.put("service", service);
    checkpoint.put("kind", kind);
    checkpoint.put("name", name);
    clock += 1_000_000;
    checkpoint.put("startTimeUnixNano", Long.toString(clock));
    checkpoint.put("endTimeUnixNano", Long.toString(clock + millis * 1_000_000));
    checkpoint.put("thread", "worker-1");
    checkpoint.set("input", input);
    checkpoint.set("output", output);
    checkpoint.set("error", error);
    checkpoint.putObject("attributes");
    ArrayNode truncatedPaths = checkpoint.putArray("truncated");
    truncated.forEach(truncatedPaths::add);
    ArrayNode redactedPaths = checkpoint.putArray("redacted");
    redacted.forEach(redactedPaths::add);
    byService.computeIfAbsent(service, s -> new ArrayList<>()).add(checkpoint);
    return id;
  }

  /** Sends one batch per service, children before parents, as separate exporters would. */
  void send() {
    List<String> services = new ArrayList<>(byService.keySet());
    for (int i = services.size() - 1; i >= 0; i--) {
      String service = services.get(i);
      var response =
          http.postBatch(Batches.batch(service, byService.get(service).toArray(ObjectNode[]::new)));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
    byService.clear();
  }

  static JsonNode json(String text) {
    try {
      return Batches.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
