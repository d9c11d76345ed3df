package dev.checkpoint.agent;

import static dev.checkpoint.agent.RecordedCheckpoints.is;
import static dev.checkpoint.agent.RecordedCheckpoints.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: {@code ON_DEMAND} and the control endpoint work under the agent as with the library:
 * the agent serves {@code /checkpoint/control} in the application's servlet container when a
 * control token is set, and recording switched off there leaves no wrapper in the request's path.
 */
class ControlEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret-control-token";

  @TempDir Path dir;

  @Test
  void theControlEndpointSwitchesRecordingOfAnOnDemandService() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    try (AgentProcess app =
        AgentProcess.start(
            dir,
            false,
            "example.plain.PlainApp",
            List.of(
                "-Dcheckpoint.mode=ON_DEMAND",
                "-Dcheckpoint.control.token=" + TOKEN,
                "-Dcheckpoint.exporter=jsonl",
                "-Dcheckpoint.jsonl.path=" + checkpoints),
            dir.resolve("shop.db").toString())) {
      receipt(app, null);
      JsonNode inScenario = receipt(app, "checkpoint.run=scenario-1");
      assertThat(inScenario.path("requestClass").asText()).doesNotStartWith("org.eclipse.jetty");

      HttpResponse<String> refused = app.control("wrong-token", "{\"mode\":\"ON\"}");
      assertThat(refused.statusCode()).isEqualTo(401);
      HttpResponse<String> on = app.control(TOKEN, "{\"mode\":\"ON\",\"runId\":\"manual-1\"}");
      assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
      assertThat(JSON.readTree(on.body()).path("mode").asText()).isEqualTo("ON");
      receipt(app, null);

      HttpResponse<String> off = app.control(TOKEN, "{\"mode\":\"OFF\"}");
      assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
      JsonNode unrecorded = receipt(app, "checkpoint.run=scenario-2");
      assertThat(unrecorded.path("requestClass").asText())
          .as("the container's own request: no wrapper while OFF")
          .startsWith("org.eclipse.jetty");
      app.stop();
    }
    List<JsonNode> recorded =
        read(checkpoints).stream().filter(c -> is(c, "HTTP_SERVER", "GET /receipt")).toList();
    assertThat(recorded)
        .extracting(c -> c.path("runId").asText())
        .containsExactly("scenario-1", "manual-1");
    assertThat(read(checkpoints))
        .noneMatch(c -> c.path("name").asText().contains("/checkpoint/control"));
  }

  private static JsonNode receipt(AgentProcess app, String baggage)
      throws IOException, InterruptedException {
    return JSON.readTree(app.get("/receipt", baggage));
  }
}
