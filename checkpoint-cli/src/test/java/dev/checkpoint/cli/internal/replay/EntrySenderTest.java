package dev.checkpoint.cli.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.sun.net.httpserver.HttpServer;
import dev.checkpoint.assets.CheckpointKey;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.assets.RecordingKey;
import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import dev.checkpoint.cli.internal.run.RunFailure;
import dev.checkpoint.core.propagation.Baggage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded entries as sent to a real HTTP server and published to the real RabbitMQ. */
class EntrySenderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final URI RABBIT = URI.create("amqp://guest:guest@127.0.0.1:5672");
  private static final RecordingKey KEY =
      new RecordingKey.Recorded("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");

  record Received(String method, String uri, Map<String, String> headers, String body) {}

  HttpServer http;
  final List<Received> received = new CopyOnWriteArrayList<>();
  EntrySender sender;

  @BeforeEach
  void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/",
        exchange -> {
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  headers,
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    http.start();
    sender =
        new EntrySender(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
            URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/base/"),
            RABBIT,
            ReplaySettings.DEFAULT_KAFKA);
  }

  @AfterEach
  void stop() {
    sender.close();
    http.stop(0);
  }

  private static ReplayEntry entry(String kind, String name, String fields) throws IOException {
    JsonNode json = JSON.readTree(fields);
    ((com.fasterxml.jackson.databind.node.ObjectNode) json)
        .put("service", "shop")
        .put("kind", kind)
        .put("name", name);
    return new ReplayEntry(
        KEY,
        CheckpointNode.of(
            CheckpointKey.of(new CheckpointKey.Segment("shop", kind, name, 0)), json, List.of()),
        NoiseRules.defaults());
  }

  @Test
  void anHttpEntryIsSentAsRecordedWithoutHopByHopHeadersInANewTreeOfTheReplayRun()
      throws IOException {
    ReplayEntry entry =
        entry(
            "HTTP_SERVER",
            "POST /orders",
            """
            {"input": {"method": "POST", "path": "/orders", "query": "express=true&x=%20y",
              "headers": {"content-type": "application/json", "x-tenant": "acme",
                "connection": "keep-alive", "host": "old-host:8080", "content-length": "24",
                "transfer-encoding": "chunked", "authorization": "[REDACTED]",
                "traceparent": "00-11111111111111111111111111111111-2222222222222222-01",
                "baggage": "checkpoint.run=recorded-run,tenant=acme"},
              "body": {"customer": "alice"}}}
            """);

    String traceId = sender.send(entry, "replay-1");

    assertThat(received).hasSize(1);
    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/base/orders?express=true&x=%20y");
    assertThat(request.body()).isEqualTo("{\"customer\":\"alice\"}");
    assertThat(request.headers())
        .containsEntry("content-type", "application/json")
        .containsEntry("x-tenant", "acme")
        .containsEntry("host", "127.0.0.1:" + http.getAddress().getPort())
        .containsEntry("content-length", "20")
        .doesNotContainKeys("authorization", "transfer-encoding", "connection");
    assertThat(request.headers().get("traceparent")).startsWith("00-" + traceId + "-");
    Baggage baggage = Baggage.parse(request.headers().get("baggage"));
    assertThat(baggage.runId()).isEqualTo("replay-1");
    assertThat(baggage.get(Baggage.REPLAY_KEY)).isEqualTo(KEY.format());
    assertThat(baggage.get("tenant")).isEqualTo("acme");
  }

  @Test
  void textFormAndBase64BodiesAreSentAsTheBytesTheyStoodFor() throws IOException {
    sender.send(
        entry(
            "HTTP_SERVER",
            "POST /notes",
            """
            {"input": {"method": "POST", "path": "/notes", "headers": {}, "body": "plain text"}}
            """),
        "r");
    sender.send(
        entry(
            "HTTP_SERVER",
            "POST /login",
            """
            {"input": {"method": "POST", "path": "/login",
              "headers": {"content-type": "application/x-www-form-urlencoded"},
              "body": {"user": "ann", "tag": ["a", "b c"]}}}
            """),
        "r");
    sender.send(
        entry(
            "HTTP_SERVER",
            "PUT /blob",
            """
            {"input": {"method": "PUT", "path": "/blob", "headers": {},
              "body": {"base64": "AAEC", "size": 3}}}
            """),
        "r");

    assertThat(received)
        .extracting(Received::body)
        .containsExactly("plain text", "user=ann&tag=a&tag=b+c", "\u0000\u0001\u0002");
  }

  @Test
  void aTruncatedBodyCannotBeReplayedAndSaysHowToRecordIt() throws IOException {
    ReplayEntry entry =
        entry(
            "HTTP_SERVER",
            "POST /big",
            """
            {"input": {"method": "POST", "path": "/big", "headers": {},
              "body": {"truncated": true, "originalSize": 100000, "preview": "{"}},
             "truncated": ["input.body"]}
            """);

    assertThatThrownBy(() -> sender.send(entry, "r"))
        .isInstanceOf(EntrySender.EntryFailure.class)
        .hasMessageContaining("larger CHECKPOINT_MAX_PAYLOAD_BYTES");
    assertThat(received).isEmpty();
  }

  @Test
  void aKafkaRecordEntryIsSentToItsTopicWithKeyAndHeadersInANewTree(@TempDir Path dir)
      throws Exception {
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir, Duration.ofSeconds(90));
        EntrySender kafkaSender =
            new EntrySender(
                HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:1/"),
                RABBIT,
                kafka.bootstrapServers());
        KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
      ReplayEntry entry =
          entry(
              "MESSAGE_CONSUME",
              "CONSUME shipments",
              """
              {"input": {"destination": "shipments", "topic": "shipments", "key": "o-1",
                "headers": {"event": "shipment.created", "x-attempt": ["1", "2"]},
                "body": {"orderId": "o-1"}}}
              """);

      String traceId = kafkaSender.send(entry, "replay-run");

      consumer.assign(List.of(new TopicPartition("shipments", 0)));
      ConsumerRecord<String, String> record = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (record == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> polled : consumer.poll(Duration.ofMillis(200))) {
          record = polled;
        }
      }
      assertThat(record).as("the record reached the topic").isNotNull();
      assertThat(record.key()).isEqualTo("o-1");
      assertThat(record.value()).isEqualTo("{\"orderId\":\"o-1\"}");
      Map<String, List<String>> headers = new TreeMap<>();
      record
          .headers()
          .forEach(
              header ->
                  headers
                      .computeIfAbsent(header.key(), k -> new ArrayList<>())
                      .add(new String(header.value(), StandardCharsets.UTF_8)));
      assertThat(headers.get("event")).containsExactly("shipment.created");
      assertThat(headers.get("x-attempt")).containsExactly("1", "2");
      assertThat(headers.get("traceparent")).singleElement().asString().contains(traceId);
      Baggage baggage = Baggage.parse(headers.get("baggage").get(0));
      assertThat(baggage.get(Baggage.RUN_KEY)).isEqualTo("replay-run");
      assertThat(baggage.get(Baggage.REPLAY_KEY)).isEqualTo(KEY.format());
    }
  }

  @Test
  void aServiceThatDoesNotAnswerFailsTheWholeReplay() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    EntrySender nowhere =
        new EntrySender(
            HttpClient.newHttpClient(),
            URI.create("http://127.0.0.1:" + closed),
            RABBIT,
            ReplaySettings.DEFAULT_KAFKA);

    assertThatThrownBy(
            () ->
                nowhere.send(
                    entry(
                        "HTTP_SERVER",
                        "GET /x",
                        "{\"input\": {\"method\": \"GET\", \"path\": \"/x\"}}"),
                    "r"))
        .isInstanceOf(RunFailure.class)
        .hasMessageContaining("The service under test does not answer at http://127.0.0.1:")
        .hasMessageEndingWith("Start it, or fix --target.");
  }

  @Test
  void aMessageEntryIsPublishedToItsRecordedExchangeAndRoutingKeyInANewTree()
      throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    try (Connection connection = newConnection(factory);
        Channel channel = connection.createChannel()) {
      String queue = channel.queueDeclare().getQueue();
      ReplayEntry entry =
          entry(
              "MESSAGE_CONSUME",
              "CONSUME " + queue,
              """
              {"input": {"destination": "%s", "exchange": "", "routingKey": "%s", "queue": "%s",
                "properties": {"contentType": "application/json", "deliveryMode": 2,
                  "messageId": "m-1"},
                "headers": {"x-attempt": 1, "x-origin": "orders"},
                "body": {"orderId": 7}}}
              """
                  .formatted(queue, queue, queue));

      String traceId = sender.send(entry, "replay-2");

      GetResponse message = null;
      for (int i = 0; i < 50 && message == null; i++) {
        message = channel.basicGet(queue, true);
        if (message == null) {
          Thread.sleep(100);
        }
      }
      assertThat(message).isNotNull();
      assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
          .isEqualTo("{\"orderId\":7}");
      assertThat(message.getProps().getContentType()).isEqualTo("application/json");
      assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
      assertThat(message.getProps().getMessageId()).isEqualTo("m-1");
      Map<String, Object> headers = message.getProps().getHeaders();
      assertThat(headers.get("x-attempt")).isEqualTo(1L);
      assertThat(headers.get("x-origin").toString()).isEqualTo("orders");
      assertThat(headers.get("traceparent").toString()).startsWith("00-" + traceId + "-");
      Baggage baggage = Baggage.parse(headers.get("baggage").toString());
      assertThat(baggage.runId()).isEqualTo("replay-2");
      assertThat(baggage.get(Baggage.REPLAY_KEY)).isEqualTo(KEY.format());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Connection newConnection(ConnectionFactory factory)
      throws IOException, TimeoutException {
    try {
      factory.setUri(RABBIT);
    } catch (java.net.URISyntaxException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return factory.newConnection();
  }
}
