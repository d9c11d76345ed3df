package dev.checkpoint.instrumentation.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.spring.shop.ShopApplication;
import dev.checkpoint.instrumentation.spring.shop.UnknownProductException;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The starter in a running web application with recording on: the tree one request produces. */
@SpringBootTest(
    classes = ShopApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=shop",
      "checkpoint.mode=ON",
      "checkpoint.control-token=s3cret"
    })
class StarterRecordingTest {

  @LocalServerPort private int port;
  @Autowired private InMemoryExporter exporter;
  @Autowired private CheckpointRecorder recorder;

  private ShopClient shop;

  @BeforeEach
  void reset() {
    shop = new ShopClient(port);
    recorder.control().set(RecordingMode.ON, null);
    exporter.reset();
  }

  @Test
  void oneRequestRecordsOneTreeOfHttpMethodSqlAndTheCalledService() throws Exception {
    HttpResponse<String> response = shop.get("/quotes/A-1?quantity=2");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(RecordedJson.parse(response.body()).path("total").asInt()).isEqualTo(2500);
    Map<String, CheckpointData> tree = byName(ExportedCheckpoints.await(exporter, 6));
    assertThat(tree)
        .containsOnlyKeys(
            "GET /quotes/{sku}",
            "PricingService.quote",
            "SELECT product",
            "GET /stock/A-1",
            "GET /stock/{sku}",
            "StockService.available");
    CheckpointData server = tree.get("GET /quotes/{sku}");
    CheckpointData method = tree.get("PricingService.quote");
    CheckpointData sql = tree.get("SELECT product");
    CheckpointData client = tree.get("GET /stock/A-1");
    CheckpointData calledServer = tree.get("GET /stock/{sku}");
    CheckpointData calledMethod = tree.get("StockService.available");

    assertThat(tree.values())
        .allSatisfy(
            checkpoint -> {
              assertThat(checkpoint.traceId()).isEqualTo(server.traceId());
              assertThat(checkpoint.service()).isEqualTo("shop");
              assertThat(checkpoint.error()).isNull();
            });
    assertThat(server.parentId()).isNull();
    assertThat(method.parentId()).isEqualTo(server.id());
    assertThat(sql.parentId()).isEqualTo(method.id());
    assertThat(client.parentId()).isEqualTo(method.id());
    assertThat(calledServer.parentId()).isEqualTo(client.id());
    assertThat(calledMethod.parentId()).isEqualTo(calledServer.id());
    assertThat(List.of(server.kind(), method.kind(), sql.kind(), client.kind()))
        .containsExactly(Kind.HTTP_SERVER, Kind.METHOD, Kind.SQL, Kind.HTTP_CLIENT);
    assertThat(List.of(calledServer.kind(), calledMethod.kind()))
        .containsExactly(Kind.HTTP_SERVER, Kind.METHOD);

    JsonNode serverInput = RecordedJson.of(server.input());
    assertThat(serverInput.path("path").asText()).isEqualTo("/quotes/A-1");
    assertThat(serverInput.path("query").asText()).isEqualTo("quantity=2");
    JsonNode serverOutput = RecordedJson.of(server.output());
    assertThat(serverOutput.path("status").asInt()).isEqualTo(200);
    assertThat(serverOutput.path("body"))
        .isEqualTo(
            RecordedJson.parse(
                "{\"sku\":\"A-1\",\"name\":\"Anvil\",\"total\":2500,\"available\":9}"));
    assertThat(RecordedJson.of(method.input()))
        .isEqualTo(RecordedJson.parse("{\"sku\":\"A-1\",\"quantity\":2}"));
    assertThat(RecordedJson.of(method.output())).isEqualTo(serverOutput.path("body"));
    JsonNode sqlInput = RecordedJson.of(sql.input());
    assertThat(sqlInput.path("statement").asText())
        .isEqualTo("SELECT name, price FROM product WHERE sku = ?");
    assertThat(sqlInput.path("parameters").path("1").asText()).isEqualTo("A-1");
    assertThat(RecordedJson.of(sql.output()).path("rows"))
        .isEqualTo(RecordedJson.parse("[{\"NAME\":\"Anvil\",\"PRICE\":1250}]"));
    JsonNode clientInput = RecordedJson.of(client.input());
    assertThat(clientInput.path("method").asText()).isEqualTo("GET");
    assertThat(clientInput.path("url").asText())
        .isEqualTo("http://127.0.0.1:" + port + "/stock/A-1");
    JsonNode clientOutput = RecordedJson.of(client.output());
    assertThat(clientOutput.path("status").asInt()).isEqualTo(200);
    assertThat(clientOutput.path("body"))
        .isEqualTo(RecordedJson.parse("{\"sku\":\"A-1\",\"available\":9}"));
    assertThat(RecordedJson.of(calledServer.output()).path("body"))
        .isEqualTo(clientOutput.path("body"));
    assertThat(RecordedJson.of(calledServer.input()).path("headers").path("traceparent").asText())
        .isEqualTo("00-" + server.traceId() + "-" + client.id() + "-01");
    assertThat(RecordedJson.of(calledMethod.input()))
        .isEqualTo(RecordedJson.parse("{\"sku\":\"A-1\"}"));
    assertThat(RecordedJson.of(calledMethod.output()).asInt()).isEqualTo(9);
  }

  @Test
  void aFailingCheckpointMethodRecordsItsErrorAndTheApplicationSeesItUnchanged() throws Exception {
    HttpResponse<String> response = shop.get("/quotes/B-2?quantity=1");

    assertThat(response.statusCode())
        .as("@ResponseStatus of the exception, so the exception reached Spring MVC as it was")
        .isEqualTo(404);
    Map<String, CheckpointData> tree = byName(ExportedCheckpoints.await(exporter, 3));
    CheckpointData method = tree.get("PricingService.quote");
    assertThat(method.error()).isNotNull();
    assertThat(method.error().type()).isEqualTo(UnknownProductException.class.getName());
    assertThat(method.error().message()).isEqualTo("Unknown product B-2");
    assertThat(method.output()).isNull();
    assertThat(RecordedJson.of(tree.get("SELECT product").output()).path("rows").size()).isZero();
    assertThat(RecordedJson.of(tree.get("GET /quotes/{sku}").output()).path("status").asInt())
        .isEqualTo(404);
  }

  @Test
  void controlEndpointNeedsTheTokenAndSwitchesRecording() throws Exception {
    HttpResponse<String> missing = shop.get("/checkpoint/control");
    HttpResponse<String> wrong =
        shop.post("/checkpoint/control", "{\"mode\":\"OFF\"}", "Authorization", "Bearer nope");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(recorder.control().state().mode()).isEqualTo(RecordingMode.ON);

    HttpResponse<String> status = shop.get("/checkpoint/control", "Authorization", "Bearer s3cret");
    HttpResponse<String> switched =
        shop.post(
            "/checkpoint/control",
            "{\"mode\":\"OFF\",\"runId\":\"nightly-7\"}",
            "Authorization",
            "Bearer s3cret");

    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(RecordedJson.parse(status.body()).path("service").asText()).isEqualTo("shop");
    assertThat(RecordedJson.parse(status.body()).path("mode").asText()).isEqualTo("ON");
    assertThat(switched.statusCode()).isEqualTo(200);
    assertThat(RecordedJson.parse(switched.body()).path("mode").asText()).isEqualTo("OFF");
    assertThat(recorder.control().state().runId()).isEqualTo("nightly-7");
    assertThat(shop.get("/quotes/A-1?quantity=1").statusCode()).isEqualTo(200);
    assertThat(exporter.checkpoints())
        .as("neither the control requests nor a request while OFF are recorded")
        .isEmpty();
  }

  private static Map<String, CheckpointData> byName(List<CheckpointData> checkpoints) {
    return checkpoints.stream()
        .collect(Collectors.toMap(CheckpointData::name, Function.identity()));
  }
}
