package dev.checkpoint.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingControl;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckpointControlServletTest {

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final InMemoryExporter exporter = InMemoryExporter.create();
  private JettyServer server;

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void withoutATokenTheEndpointIsDisabled() throws Exception {
    CheckpointRecorder recorder = start(null);

    HttpResponse<String> response = post("{\"mode\":\"ON\"}", "Bearer anything");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(RecordedJson.parse(response.body()).path("error").asText())
        .isEqualTo("control endpoint disabled");
    assertThat(recorder.control().state().mode()).isEqualTo(RecordingMode.OFF);
  }

  @Test
  void missingOrWrongTokenIsRejectedAndChangesNothing() throws Exception {
    CheckpointRecorder recorder = start("s3cret");

    HttpResponse<String> missing = post("{\"mode\":\"ON\"}", null);
    HttpResponse<String> wrong = post("{\"mode\":\"ON\"}", "Bearer guess");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(wrong.headers().firstValue("Connection")).contains("close");
    assertThat(RecordedJson.parse(wrong.body()).path("error").asText()).isEqualTo("unauthorized");
    assertThat(recorder.control().state().mode()).isEqualTo(RecordingMode.OFF);
  }

  @Test
  void anUnauthenticatedRequestGets401BeforeTheBodyIsLookedAt() throws Exception {
    CheckpointRecorder recorder = start("s3cret");
    String tooLarge = "{\"mode\":\"ON\",\"pad\":\"" + "x".repeat(10_000) + "\"}";

    HttpResponse<String> missing = post(tooLarge, null);
    HttpResponse<String> wrong = post(tooLarge, "Bearer guess");
    HttpResponse<String> right = post(tooLarge, "Bearer s3cret");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(RecordedJson.parse(wrong.body()).path("error").asText()).isEqualTo("unauthorized");
    assertThat(right.statusCode())
        .as("the size limit still holds for the token holder")
        .isEqualTo(413);
    assertThat(recorder.control().state().mode()).isEqualTo(RecordingMode.OFF);
  }

  @Test
  void theRightTokenReadsAndSwitchesTheMode() throws Exception {
    CheckpointRecorder recorder = start("s3cret");

    HttpResponse<String> changed =
        post("{\"mode\":\"ON_DEMAND\",\"runId\":\"r-1\"}", "Bearer s3cret");
    HttpResponse<String> status =
        http.send(
            HttpRequest.newBuilder(server.uri(CheckpointControlServlet.PATH))
                .header("Authorization", "Bearer s3cret")
                .build(),
            BodyHandlers.ofString());

    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(recorder.control().state())
        .isEqualTo(new RecordingControl.State(RecordingMode.ON_DEMAND, "r-1"));
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(RecordedJson.parse(status.body()).path("mode").asText()).isEqualTo("ON_DEMAND");
    assertThat(RecordedJson.parse(status.body()).path("service").asText()).isEqualTo("svc");
    assertThat(exporter.checkpoints()).as("control requests are not recorded").isEmpty();
  }

  @Test
  void invalidRequestsAnswer400WithTheReason() throws Exception {
    start("s3cret");

    HttpResponse<String> response = post("{\"mode\":\"SOMETIMES\"}", "Bearer s3cret");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RecordedJson.parse(response.body()).path("error").asText())
        .isEqualTo("invalid mode");
  }

  private CheckpointRecorder start(String token) throws Exception {
    CheckpointRecorder recorder =
        CheckpointRecorder.builder().service("svc").controlToken(token).exporter(exporter).build();
    server = JettyServer.start(CheckpointFilter.create(recorder), recorder, Map.of());
    return recorder;
  }

  private HttpResponse<String> post(String body, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(CheckpointControlServlet.PATH))
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }
}
