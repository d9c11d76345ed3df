package dev.checkpoint.instrumentation.spring.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.ConnectionFactory;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Spring AMQP with the starter against the real RabbitMQ at 127.0.0.1:5672: a request publishes
 * with {@code RabbitTemplate}, a {@code @RabbitListener} consumes, and the whole is one tree. Run
 * once per kind of listener container, because they hand deliveries to the listener differently.
 */
@SpringBootTest(
    classes = OrdersApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=orders",
      "checkpoint.mode=ON",
      "spring.rabbitmq.host=127.0.0.1",
      "spring.rabbitmq.port=5672",
      "spring.rabbitmq.username=guest",
      "spring.rabbitmq.password=guest",
      // A failed order is dropped, not delivered again and again.
      "spring.rabbitmq.listener.simple.default-requeue-rejected=false",
      "spring.rabbitmq.listener.direct.default-requeue-rejected=false"
    })
abstract class AbstractRabbitListenerTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @LocalServerPort private int port;

  @Value("${orders.queue}")
  private String queue;

  @Autowired private InMemoryExporter exporter;
  @Autowired private CheckpointRecorder recorder;
  @Autowired private Shipping shipping;

  @BeforeAll
  static void requireRabbitMq() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(5672);
    factory.setConnectionTimeout(3_000);
    RequiredService.connect(
            "RabbitMQ at 127.0.0.1:5672 (guest/guest)",
            "Start it with: rabbitmq-server -detached",
            () -> factory.newConnection("checkpoint-starter-test"))
        .close();
  }

  @BeforeEach
  void reset() {
    recorder.control().set(RecordingMode.ON, null);
    exporter.reset();
    shipping.deliveredHeaders().clear();
  }

  @AfterEach
  void recordAgain() {
    recorder.control().set(RecordingMode.ON, null);
  }

  @Test
  void publishAndListenerJoinTheRequestsTree() throws Exception {
    HttpResponse<String> response =
        post("/orders/7", "{\"id\":7,\"address\":\"1 Main St\",\"password\":\"hunter2\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    Map<String, CheckpointData> tree = byName(ExportedCheckpoints.await(exporter, 4));
    assertThat(tree)
        .containsOnlyKeys(
            "POST /orders/{id}", "PUBLISH " + queue, "CONSUME " + queue, "Labels.label");
    CheckpointData server = tree.get("POST /orders/{id}");
    CheckpointData publish = tree.get("PUBLISH " + queue);
    CheckpointData consume = tree.get("CONSUME " + queue);
    CheckpointData label = tree.get("Labels.label");
    assertThat(tree.values())
        .allSatisfy(
            checkpoint -> {
              assertThat(checkpoint.traceId()).isEqualTo(server.traceId());
              assertThat(checkpoint.error()).isNull();
            });
    assertThat(publish.kind()).isEqualTo(Kind.MESSAGE_PUBLISH);
    assertThat(publish.parentId()).isEqualTo(server.id());
    assertThat(consume.kind()).isEqualTo(Kind.MESSAGE_CONSUME);
    assertThat(consume.parentId()).isEqualTo(publish.id());
    assertThat(label.parentId()).isEqualTo(consume.id());
    assertThat(RecordedJson.of(label.output()).asText()).startsWith("LABEL ");

    JsonNode published = RecordedJson.of(publish.input());
    assertThat(published.path("routingKey").asText()).isEqualTo(queue);
    assertThat(published.path("properties").path("messageId").asText()).isEqualTo("order-7");
    assertThat(published.path("body").path("address").asText()).isEqualTo("1 Main St");
    assertThat(published.path("body").path("password").asText()).isEqualTo("[REDACTED]");
    JsonNode consumed = RecordedJson.of(consume.input());
    assertThat(consumed.path("queue").asText()).isEqualTo(queue);
    assertThat(consumed.path("properties").path("contentType").asText())
        .isEqualTo("application/json");
    assertThat(consumed.path("headers").path("x-order").asText()).isEqualTo("7");
    assertThat(consumed.path("headers").has("traceparent")).isFalse();
    assertThat(consumed.path("body")).isEqualTo(published.path("body"));

    Map<String, Object> delivered = shipping.deliveredHeaders().poll(5, TimeUnit.SECONDS);
    assertThat(String.valueOf(delivered.get("traceparent")))
        .isEqualTo("00-" + server.traceId() + "-" + publish.id() + "-01");
  }

  @Test
  void listenerFailureIsTheDeliverysError() throws Exception {
    assertThat(post("/orders/8", "{\"id\":8}").statusCode()).isEqualTo(202);

    Map<String, CheckpointData> tree = byName(ExportedCheckpoints.await(exporter, 4));
    CheckpointData consume = tree.get("CONSUME " + queue);
    CheckpointData label = tree.get("Labels.label");
    assertThat(label.error().type()).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(label.parentId()).isEqualTo(consume.id());
    // What the container gives its error handler: the listener's exception, wrapped.
    assertThat(consume.error().type()).isEqualTo(ListenerExecutionFailedException.class.getName());
    assertThat(consume.output()).isNull();
  }

  @Test
  void offRecordsNothingAndSendsNoHeaders() throws Exception {
    recorder.control().set(RecordingMode.OFF, null);

    assertThat(post("/orders/9", "{\"id\":9,\"address\":\"2 Side St\"}").statusCode())
        .isEqualTo(202);

    Map<String, Object> delivered = shipping.deliveredHeaders().poll(5, TimeUnit.SECONDS);
    assertThat(delivered).containsEntry("x-order", "9").doesNotContainKey("traceparent");
    assertThat(exporter.checkpoints()).isEmpty();
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, CheckpointData> byName(List<CheckpointData> checkpoints) {
    return checkpoints.stream()
        .collect(Collectors.toMap(CheckpointData::name, Function.identity()));
  }
}
