package dev.checkpoint.agent;

import static dev.checkpoint.agent.RecordedCheckpoints.is;
import static dev.checkpoint.agent.RecordedCheckpoints.kind;
import static dev.checkpoint.agent.RecordedCheckpoints.one;
import static dev.checkpoint.agent.RecordedCheckpoints.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, test 3: a plain {@code main} with embedded Jetty, JDBC on SQLite and OkHttp, no Spring
 * and no Checkpoint code, started with the agent.
 */
class PlainApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void recordsTheRequestItsSqlItsOutboundCallAndItsCheckpointMethods() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    // Configured by a properties file, as a deployment that cannot change the flag would be.
    Path config = dir.resolve("checkpoint.properties");
    Files.writeString(
        config,
        "checkpoint.mode=ON\ncheckpoint.exporter=jsonl\ncheckpoint.jsonl.path="
            + checkpoints.toString().replace("\\", "/")
            + "\n");
    JsonNode answer;
    try (AgentProcess app =
        AgentProcess.start(
            dir,
            false,
            "example.plain.PlainApp",
            List.of("-Dcheckpoint.config=" + config),
            dir.resolve("shop.db").toString())) {
      answer = postOrder(app);
      app.stop();
    }
    assertThat(answer.path("connectionClass").asText()).contains("$Proxy");
    assertThat(answer.path("okHttpInterceptors").asInt()).isEqualTo(1);
    assertThat(answer.path("pooledConnectionRecords").asBoolean()).isTrue();
    assertThat(answer.path("apiOnBootstrap").asBoolean()).isTrue();
    assertThat(answer.path("jdkClientClass").asText()).endsWith("CheckpointingHttpClient");

    List<JsonNode> recorded = read(checkpoints);
    JsonNode order = one(recorded, c -> is(c, "HTTP_SERVER", "POST /orders"));
    String trace = order.path("traceId").asText();
    assertThat(order.path("parentId").isNull()).isTrue();
    assertThat(order.path("service").asText()).isEqualTo("PlainApp");
    assertThat(order.at("/input/body/item").asText()).isEqualTo("book");
    assertThat(order.at("/input/body/quantity").asInt()).isEqualTo(3);
    assertThat(order.at("/output/status").asInt()).isEqualTo(201);
    assertThat(order.at("/output/body/total").asInt()).isEqualTo(1200);

    JsonNode total = one(recorded, c -> is(c, "METHOD", "Prices.total"));
    assertThat(total.path("parentId").asText()).isEqualTo(order.path("id").asText());
    assertThat(total.at("/input/item").asText()).isEqualTo("book");
    assertThat(total.at("/input/quantity").asInt()).isEqualTo(3);
    assertThat(total.path("output").asInt()).isEqualTo(1200);
    JsonNode unit = one(recorded, c -> is(c, "METHOD", "Prices.unit"));
    assertThat(unit.path("parentId").asText()).isEqualTo(total.path("id").asText());
    assertThat(unit.path("output").asInt()).isEqualTo(400);
    // The application's own annotation named Checkpoint, on the class and on a method.
    JsonNode discount = one(recorded, c -> is(c, "METHOD", "Discounts.percent"));
    assertThat(discount.path("parentId").asText()).isEqualTo(order.path("id").asText());
    assertThat(discount.at("/input/item").asText()).isEqualTo("book");
    assertThat(discount.path("output").asInt()).isEqualTo(10);
    JsonNode bulk = one(recorded, c -> is(c, "METHOD", "discounts.bulk"));
    assertThat(bulk.path("parentId").asText()).isEqualTo(discount.path("id").asText());

    JsonNode insert =
        one(recorded, c -> kind(c, "SQL") && c.toString().contains("INSERT INTO orders"));
    assertThat(insert.path("traceId").asText()).isEqualTo(trace);
    assertThat(insert.path("parentId").asText()).isEqualTo(order.path("id").asText());
    assertThat(insert.at("/input/parameters").toString()).contains("book").contains("1200");
    JsonNode select =
        one(recorded, c -> kind(c, "SQL") && c.toString().contains("SELECT id, item, total"));
    assertThat(select.at("/input/parameters").toString()).contains("book");
    assertThat(select.at("/output/rows").toString()).contains("book").contains("1200");

    JsonNode count = one(recorded, c -> kind(c, "SQL") && c.toString().contains("SELECT count(*)"));
    assertThat(count.path("parentId").asText()).as("pooled").isEqualTo(order.path("id").asText());
    assertThat(count.at("/output/rows").toString()).contains("1");

    JsonNode call = one(recorded, c -> kind(c, "HTTP_CLIENT") && !c.toString().contains("via="));
    assertThat(call.path("traceId").asText()).isEqualTo(trace);
    assertThat(call.path("parentId").asText()).isEqualTo(order.path("id").asText());
    assertThat(call.at("/output/body/available").asInt()).isEqualTo(7);
    JsonNode stock =
        one(recorded, c -> is(c, "HTTP_SERVER", "GET /stock") && !c.toString().contains("via="));
    assertThat(stock.path("traceId").asText()).as("traceparent sent by OkHttp").isEqualTo(trace);
    assertThat(stock.path("parentId").asText()).isEqualTo(call.path("id").asText());

    JsonNode jdkCall =
        one(recorded, c -> kind(c, "HTTP_CLIENT") && c.toString().contains("via=jdk"));
    assertThat(jdkCall.path("parentId").asText()).isEqualTo(order.path("id").asText());
    assertThat(jdkCall.at("/output/status").asInt()).isEqualTo(200);
    JsonNode warehouse =
        one(recorded, c -> is(c, "HTTP_SERVER", "GET /stock") && c.toString().contains("via=jdk"));
    assertThat(warehouse.path("parentId").asText()).isEqualTo(jdkCall.path("id").asText());

    JsonNode apacheCall =
        one(recorded, c -> kind(c, "HTTP_CLIENT") && c.toString().contains("via=apache"));
    assertThat(apacheCall.path("parentId").asText()).isEqualTo(order.path("id").asText());
    assertThat(apacheCall.at("/output/body/available").asInt()).isEqualTo(7);
    JsonNode depot =
        one(
            recorded,
            c -> is(c, "HTTP_SERVER", "GET /stock") && c.toString().contains("via=apache"));
    assertThat(depot.path("parentId").asText()).isEqualTo(apacheCall.path("id").asText());
  }

  @Test
  void leavesNoWrapperInThePathWhileRecordingIsOff() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    JsonNode answer;
    try (AgentProcess app = start("OFF", checkpoints)) {
      answer = postOrder(app);
      app.stop();
    }
    assertThat(answer.path("connectionClass").asText())
        .isEqualTo("org.sqlite.jdbc4.JDBC4Connection");
    assertThat(answer.path("total").asInt()).isEqualTo(1200);
    assertThat(answer.path("discount").asInt()).isEqualTo(10);
    assertThat(answer.path("pooledConnectionRecords").asBoolean()).isFalse();
    assertThat(answer.path("orders").asInt()).isEqualTo(1);
    assertThat(answer.path("stock").path("available").asInt()).isEqualTo(7);
    assertThat(answer.path("warehouse").path("available").asInt()).isEqualTo(7);
    assertThat(answer.path("depot").path("available").asInt()).isEqualTo(7);
    assertThat(read(checkpoints)).isEmpty();
  }

  @Test
  void anInvalidSettingDisablesTheAgentWithOneLineAndTheApplicationRuns() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    JsonNode answer;
    String log;
    try (AgentProcess app =
        AgentProcess.start(
            dir,
            false,
            "example.plain.PlainApp",
            List.of("-Dcheckpoint.mode=SOMETIMES", "-Dcheckpoint.exporter=jsonl"),
            dir.resolve("shop.db").toString())) {
      answer = postOrder(app);
      log = app.log();
      app.stop();
    }
    assertThat(answer.path("total").asInt()).isEqualTo(1200);
    assertThat(answer.path("connectionClass").asText())
        .isEqualTo("org.sqlite.jdbc4.JDBC4Connection");
    assertThat(log.lines().filter(line -> line.contains("Checkpoint agent is disabled")))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("SOMETIMES");
    assertThat(read(checkpoints)).isEmpty();
  }

  @Test
  void recordsEachCallOnceBesideTheLibraryWiredByHand() throws Exception {
    Path agentCheckpoints = dir.resolve("agent.jsonl");
    Path libraryCheckpoints = dir.resolve("library.jsonl");
    try (AgentProcess app =
        AgentProcess.start(
            dir,
            true,
            "example.plain.PlainApp",
            options("ON", agentCheckpoints),
            dir.resolve("shop.db").toString(),
            "library",
            libraryCheckpoints.toString())) {
      postOrder(app);
      app.stop();
    }
    List<JsonNode> recorded = new ArrayList<>(read(agentCheckpoints));
    recorded.addAll(read(libraryCheckpoints));

    one(recorded, c -> is(c, "HTTP_SERVER", "POST /orders"));
    one(recorded, c -> kind(c, "SQL") && c.toString().contains("INSERT INTO orders"));
    one(recorded, c -> kind(c, "SQL") && c.toString().contains("SELECT id, item, total"));
    one(recorded, c -> kind(c, "SQL") && c.toString().contains("SELECT count(*)"));
    one(recorded, c -> kind(c, "HTTP_CLIENT") && !c.toString().contains("via="));
    one(recorded, c -> kind(c, "HTTP_CLIENT") && c.toString().contains("via=jdk"));
    one(recorded, c -> kind(c, "HTTP_CLIENT") && c.toString().contains("via=apache"));
    assertThat(recorded).filteredOn(c -> is(c, "HTTP_SERVER", "GET /stock")).hasSize(3);
    one(recorded, c -> is(c, "METHOD", "Prices.total"));
    // The hand-wired filter records the request; the agent leaves it alone.
    assertThat(read(libraryCheckpoints)).anyMatch(c -> is(c, "HTTP_SERVER", "POST /orders"));
  }

  private AgentProcess start(String mode, Path checkpoints)
      throws IOException, InterruptedException {
    return AgentProcess.start(
        dir,
        false,
        "example.plain.PlainApp",
        options(mode, checkpoints),
        dir.resolve("shop.db").toString());
  }

  private static List<String> options(String mode, Path checkpoints) {
    return List.of(
        "-Dcheckpoint.mode=" + mode,
        "-Dcheckpoint.exporter=jsonl",
        "-Dcheckpoint.jsonl.path=" + checkpoints);
  }

  private static JsonNode postOrder(AgentProcess app) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/orders"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\",\"quantity\":3}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s%n%s", response.body(), app.log()).isEqualTo(201);
    return JSON.readTree(response.body());
  }
}
