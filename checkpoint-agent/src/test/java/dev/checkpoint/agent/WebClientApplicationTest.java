package dev.checkpoint.agent;

import static dev.checkpoint.agent.RecordedCheckpoints.is;
import static dev.checkpoint.agent.RecordedCheckpoints.kind;
import static dev.checkpoint.agent.RecordedCheckpoints.one;
import static dev.checkpoint.agent.RecordedCheckpoints.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.instrumentation.testkit.TestHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spring's {@code WebClient} under the agent: a plain {@code main} with no Checkpoint code calls a
 * supplier through a {@code WebClient} built at start-up, inside a servlet request. On Reactor
 * Netty the starter's filter records the call; on the JDK's {@code HttpClient} the client the agent
 * wrapped does, and the filter is left out so that the call is recorded once.
 */
class WebClientApplicationTest {

  private static final String BODY = "{\"plant\":\"Fern\"}";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"reactor-netty", "jdk"})
  void recordsTheCallOnceUnderTheRequestWithItsBodiesAndPropagatesTheTrace(String connector)
      throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    TestHttpServer.ReceivedRequest received;
    try (TestHttpServer supplier = TestHttpServer.start();
        AgentProcess app = start(supplier, connector, "ON", checkpoints)) {
      assertThat(app.get("/quote", "checkpoint.run=webclient-run")).isEqualTo(BODY);
      received = supplier.takeRequest();
      app.stop();
    }
    List<JsonNode> recorded = read(checkpoints);
    JsonNode request = one(recorded, c -> is(c, "HTTP_SERVER", "GET /quote"));
    JsonNode call = one(recorded, c -> kind(c, "HTTP_CLIENT"));
    String trace = request.path("traceId").asText();
    assertThat(call.path("traceId").asText()).isEqualTo(trace);
    assertThat(call.path("parentId").asText()).isEqualTo(request.path("id").asText());
    assertThat(call.path("name").asText()).isEqualTo("POST /echo");
    assertThat(call.at("/input/method").asText()).isEqualTo("POST");
    assertThat(call.at("/input/body/plant").asText()).isEqualTo("Fern");
    assertThat(call.at("/output/status").asInt()).isEqualTo(200);
    assertThat(call.at("/output/body/plant").asText()).isEqualTo("Fern");
    assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    assertThat(received.header("traceparent"))
        .as("traceparent sent by the WebClient")
        .contains(trace)
        .contains(call.path("id").asText());
    assertThat(received.header("baggage"))
        .as("the run id carried on by the WebClient")
        .contains("checkpoint.run=webclient-run");
  }

  @Test
  void recordsNothingWhileRecordingIsOff() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    TestHttpServer.ReceivedRequest received;
    try (TestHttpServer supplier = TestHttpServer.start();
        AgentProcess app = start(supplier, "reactor-netty", "OFF", checkpoints)) {
      assertThat(app.get("/quote", null)).isEqualTo(BODY);
      received = supplier.takeRequest();
      app.stop();
    }
    assertThat(read(checkpoints)).isEmpty();
    assertThat(received.header("traceparent")).isNull();
  }

  private AgentProcess start(
      TestHttpServer supplier, String connector, String mode, Path checkpoints)
      throws IOException, InterruptedException {
    return AgentProcess.start(
        dir,
        false,
        "example.webclient.WebClientApp",
        AgentProcess.recording(mode, checkpoints),
        supplier.uri("").toString(),
        connector);
  }
}
