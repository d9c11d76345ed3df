package dev.checkpoint.instrumentation.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.server.ResponseStatusException;

/** The starter in a WebFlux application on Reactor Netty: the trees its requests produce. */
@SpringBootTest(
    classes = ReactiveShopApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.main.web-application-type=reactive",
      "spring.application.name=reactive-shop",
      "checkpoint.mode=ON",
      "checkpoint.control-token=s3cret"
    })
class WebFluxRecordingTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER = "00f067aa0ba902b7";

  @LocalServerPort private int port;
  @Autowired private InMemoryExporter exporter;
  @Autowired private CheckpointRecorder recorder;

  @BeforeEach
  void reset() {
    recorder.control().set(RecordingMode.ON, null);
    exporter.reset();
  }

  @Test
  void requestJoinsTheCallersTreeNamedByItsRouteWithTheHandlersCheckpointsUnderIt()
      throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/products/A-1?view=full"))
                .header("traceparent", "00-" + TRACE + "-" + CALLER + "-01")
                .header("Authorization", "Bearer abc")
                .GET());

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, CheckpointData> tree = byName(ExportedCheckpoints.await(exporter, 2));
    assertThat(tree).containsOnlyKeys("GET /products/{sku}", "Catalog.describe");
    CheckpointData server = tree.get("GET /products/{sku}");
    assertThat(server.kind()).isEqualTo(Kind.HTTP_SERVER);
    assertThat(server.traceId()).isEqualTo(TRACE);
    assertThat(server.parentId()).isEqualTo(CALLER);
    assertThat(RecordedJson.of(server.attributes()).path("http.route").asText())
        .isEqualTo("/products/{sku}");
    assertThat(tree.get("Catalog.describe").parentId()).isEqualTo(server.id());
    JsonNode input = RecordedJson.of(server.input());
    assertThat(input.path("method").asText()).isEqualTo("GET");
    assertThat(input.path("path").asText()).isEqualTo("/products/A-1");
    assertThat(input.path("query").asText()).isEqualTo("view=full");
    assertThat(input.path("headers").path("authorization").asText()).isEqualTo("[REDACTED]");
    JsonNode output = RecordedJson.of(server.output());
    assertThat(output.path("status").asInt()).isEqualTo(200);
    assertThat(output.path("headers").path("content-type").asText()).contains("application/json");
    assertThat(output.path("body").path("name").asText()).isEqualTo("Anvil");
    assertThat(server.error()).isNull();
  }

  @Test
  void webClientCallOnAnotherThreadStaysInTheRequestsTreeWithTheBodies() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/orders/A-1"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"quantity\":2,\"password\":\"hunter2\"}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RecordedJson.parse(response.body()).path("stock").asInt()).isEqualTo(9);
    Map<String, CheckpointData> tree = byName(ExportedCheckpoints.await(exporter, 3));
    assertThat(tree).containsOnlyKeys("POST /orders/{sku}", "GET /stock/A-1", "GET /stock/{sku}");
    CheckpointData order = tree.get("POST /orders/{sku}");
    CheckpointData client = tree.get("GET /stock/A-1");
    CheckpointData stock = tree.get("GET /stock/{sku}");
    assertThat(order.parentId()).isNull();
    assertThat(client.kind()).isEqualTo(Kind.HTTP_CLIENT);
    assertThat(client.parentId()).isEqualTo(order.id());
    assertThat(stock.parentId()).isEqualTo(client.id());
    assertThat(List.of(client.traceId(), stock.traceId())).containsOnly(order.traceId());
    JsonNode body = RecordedJson.of(order.input()).path("body");
    assertThat(body.path("quantity").asInt()).isEqualTo(2);
    assertThat(body.path("password").asText()).isEqualTo("[REDACTED]");
    assertThat(RecordedJson.of(order.output()).path("body").path("stock").asInt()).isEqualTo(9);
    assertThat(RecordedJson.of(client.output()).path("body").asInt()).isEqualTo(9);
  }

  @Test
  void functionalRouteNamesTheRequestToo() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health/db")).GET());

    assertThat(response.statusCode()).isEqualTo(200);
    CheckpointData server = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(server.name()).isEqualTo("GET /health/{component}");
    assertThat(RecordedJson.of(server.output()).path("body").path("component").asText())
        .isEqualTo("db");
  }

  @Test
  void handlersExceptionIsTheRequestsError() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/products/X-9")).GET());

    assertThat(response.statusCode()).isEqualTo(500);
    Map<String, CheckpointData> tree = byName(ExportedCheckpoints.await(exporter, 2));
    CheckpointData server = tree.get("GET /products/{sku}");
    assertThat(server.error().type()).isEqualTo(IllegalStateException.class.getName());
    assertThat(server.error().message()).isEqualTo("No product X-9");
    JsonNode output = RecordedJson.of(server.output());
    assertThat(output.path("status").asInt()).isEqualTo(500);
    // Spring Boot's error handler writes after the filters: its body is what the client got.
    assertThat(output.path("headers").path("content-type").asText()).startsWith("application/json");
    assertThat(output.path("body").path("status").asInt()).isEqualTo(500);
    assertThat(output.path("body").path("path").asText()).isEqualTo("/products/X-9");
    assertThat(RecordedJson.parse(response.body()).path("path").asText())
        .isEqualTo("/products/X-9");
    assertThat(tree.get("Catalog.describe").parentId()).isEqualTo(server.id());
  }

  @Test
  void workOnOtherSchedulersThreadsStaysInTheRequestsTree() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/prices/A-1")).GET());

    assertThat(response.statusCode()).isEqualTo(200);
    List<CheckpointData> checkpoints = ExportedCheckpoints.await(exporter, 3);
    Map<String, CheckpointData> tree = byName(checkpoints);
    CheckpointData server = tree.get("GET /prices/{sku}");
    CheckpointData sql = checkpoints.stream().filter(c -> c.kind() == Kind.SQL).findFirst().get();
    CheckpointData method = tree.get("Catalog.describe");
    assertThat(sql.parentId()).isEqualTo(server.id());
    assertThat(sql.thread()).startsWith("boundedElastic");
    assertThat(method.parentId()).isEqualTo(server.id());
    assertThat(method.thread()).startsWith("parallel");
    assertThat(List.of(sql, method))
        .allSatisfy(c -> assertThat(c.traceId()).isEqualTo(server.traceId()));
  }

  @Test
  void responseStatusExceptionIsRecordedWithItsStatusAndTheErrorBody() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/products/Z-1")).GET());

    assertThat(response.statusCode()).isEqualTo(410);
    CheckpointData server =
        byName(ExportedCheckpoints.await(exporter, 2)).get("GET /products/{sku}");
    assertThat(server.error().type()).isEqualTo(ResponseStatusException.class.getName());
    JsonNode output = RecordedJson.of(server.output());
    assertThat(output.path("status").asInt()).isEqualTo(410);
    assertThat(output.path("body").path("status").asInt()).isEqualTo(410);
    assertThat(output.path("body").path("error").asText()).isEqualTo("Gone");
  }

  @Test
  void exceptionHandlersAnswerIsAnOrdinaryResponse() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/products/Q-1")).GET());

    assertThat(response.statusCode()).isEqualTo(400);
    Map<String, CheckpointData> tree = byName(ExportedCheckpoints.await(exporter, 2));
    CheckpointData server = tree.get("GET /products/{sku}");
    assertThat(server.error()).isNull();
    JsonNode output = RecordedJson.of(server.output());
    assertThat(output.path("status").asInt()).isEqualTo(400);
    assertThat(output.path("body").path("problem").asText()).isEqualTo("Malformed sku Q-1");
    assertThat(tree.get("Catalog.describe").error().type())
        .isEqualTo(IllegalArgumentException.class.getName());
  }

  @Test
  void offRecordsNothing() throws Exception {
    recorder.control().set(RecordingMode.OFF, null);

    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/orders/A-1"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(exporter.checkpoints()).isEmpty();
  }

  @Test
  void controlEndpointAnswersWithTheTokenAndIsNotRecorded() throws Exception {
    HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/checkpoint/control")).GET());
    HttpResponse<String> status =
        send(
            HttpRequest.newBuilder(uri("/checkpoint/control"))
                .header("Authorization", "Bearer s3cret")
                .GET());
    HttpResponse<String> switched =
        send(
            HttpRequest.newBuilder(uri("/checkpoint/control"))
                .header("Authorization", "Bearer s3cret")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"OFF\"}")));
    HttpResponse<String> tooLarge =
        send(
            HttpRequest.newBuilder(uri("/checkpoint/control"))
                .header("Authorization", "Bearer s3cret")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(RecordedJson.parse(status.body()).path("mode").asText()).isEqualTo("ON");
    assertThat(switched.statusCode()).isEqualTo(200);
    assertThat(RecordedJson.parse(switched.body()).path("mode").asText()).isEqualTo("OFF");
    assertThat(recorder.isEnabled()).isFalse();
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(exporter.checkpoints()).as("control requests are not recorded").isEmpty();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, CheckpointData> byName(List<CheckpointData> checkpoints) {
    return checkpoints.stream()
        .collect(Collectors.toMap(CheckpointData::name, Function.identity()));
  }
}
