package dev.checkpoint.instrumentation.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import dev.checkpoint.instrumentation.testkit.ReplayRecordings;
import dev.checkpoint.instrumentation.testkit.TestHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The {@code WebClient} filter against a real server, once per connector. Not the shared HTTP
 * client suite: that one expects the client to throw {@code IOException}, and {@code WebClient}
 * throws its own {@code WebClientRequestException}.
 */
abstract class AbstractWebClientFilterTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final InMemoryExporter exporter = InMemoryExporter.create();
  private final CheckpointRecorder recorder =
      CheckpointRecorder.builder()
          .service("web-client")
          .mode(RecordingMode.ON)
          .capture(PayloadCapture.create(Redaction.defaults(), 2048))
          .exporter(exporter)
          .build();
  private TestHttpServer server;
  private WebClient client;

  /**
   * The connector under test.
   *
   * @return a new connector
   */
  abstract ClientHttpConnector connector();

  @BeforeEach
  void start() throws IOException {
    server = TestHttpServer.start();
    client = client(recorder);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void recordsRequestAndResponseWithTheirBodiesAndContinuesTheTree() throws Exception {
    String parentId;
    String answer;
    try (ActiveCheckpoint parent = recorder.start(Kind.METHOD, "OrderService.place", null)) {
      parentId = ((RecordingCheckpoint) parent).id();
      answer =
          client
              .post()
              .uri(server.uri("/echo?x=1"))
              .contentType(MediaType.APPLICATION_JSON)
              .header("Authorization", "Bearer abc")
              .bodyValue("{\"sku\":\"A-1\",\"password\":\"hunter2\"}")
              .retrieve()
              .bodyToMono(String.class)
              .block(WAIT);
    }

    assertThat(answer).isEqualTo("{\"sku\":\"A-1\",\"password\":\"hunter2\"}");
    TestHttpServer.ReceivedRequest received = server.takeRequest();
    // The call ends when its body completed, which may be after block() returned.
    CheckpointData call =
        ExportedCheckpoints.await(exporter, 2).stream()
            .filter(checkpoint -> checkpoint.kind() == Kind.HTTP_CLIENT)
            .findFirst()
            .orElseThrow();
    assertThat(call.name()).isEqualTo("POST /echo");
    assertThat(call.parentId()).isEqualTo(parentId);
    assertThat(received.header("traceparent"))
        .isEqualTo("00-" + call.traceId() + "-" + call.id() + "-01");
    assertThat(received.header("authorization")).isEqualTo("Bearer abc");
    JsonNode input = RecordedJson.of(call.input());
    assertThat(input.path("url").asText()).isEqualTo(server.uri("/echo?x=1").toString());
    assertThat(input.path("headers").path("authorization").asText()).isEqualTo("[REDACTED]");
    assertThat(input.path("headers").has("traceparent")).isFalse();
    assertThat(input.path("body").path("sku").asText()).isEqualTo("A-1");
    assertThat(input.path("body").path("password").asText()).isEqualTo("[REDACTED]");
    JsonNode output = RecordedJson.of(call.output());
    assertThat(output.path("status").asInt()).isEqualTo(200);
    assertThat(output.path("headers").path("x-reply").asText()).isEqualTo("echo");
    assertThat(output.path("body").path("sku").asText()).isEqualTo("A-1");
  }

  @Test
  void largeBodiesAreTruncatedInTheRecordingOnly() throws Exception {
    String large = "abcdefghijklmnopqrstuvwxyz".repeat(400);

    String answer =
        client
            .post()
            .uri(server.uri("/echo"))
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue(large)
            .retrieve()
            .bodyToMono(String.class)
            .block(WAIT);

    assertThat(answer).isEqualTo(large);
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(call.truncated()).containsExactlyInAnyOrder("input.body", "output.body");
    JsonNode body = RecordedJson.of(call.output()).path("body");
    assertThat(body.path("originalSize").asLong()).isEqualTo(large.length());
  }

  @Test
  void connectionFailureIsRecordedAndRethrownUnchanged() throws Exception {
    String closed = "http://127.0.0.1:" + closedPort() + "/nothing";

    Throwable thrown =
        catchThrowable(() -> client.get().uri(closed).retrieve().toBodilessEntity().block(WAIT));

    assertThat(thrown).isInstanceOf(WebClientRequestException.class);
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(call.error().type()).isEqualTo(WebClientRequestException.class.getName());
    assertThat(call.output()).isNull();
  }

  @Test
  void offRecordsNothingAndSendsNoHeaders() throws Exception {
    recorder.control().set(RecordingMode.OFF, null);

    client.get().uri(server.uri("/json")).retrieve().toBodilessEntity().block(WAIT);

    assertThat(server.takeRequest().header("traceparent")).isNull();
    assertThat(exporter.checkpoints()).isEmpty();
  }

  @Test
  void inReplayTheRecordedResponseIsGivenBackWithoutANetworkCall(@TempDir Path dir)
      throws Exception {
    String[] recorded = new String[1];
    String key =
        ReplayRecordings.record(
            recorder,
            exporter,
            dir,
            () -> {
              recorded[0] = postEcho(client, "{\"sku\":\"A-1\",\"qty\":2}");
              ExportedCheckpoints.await(exporter, 1);
            });
    CheckpointData recordedCall = exporter.checkpoints().get(0);
    // Closed: a call that reached the network would fail.
    server.close();
    InMemoryExporter replayed = InMemoryExporter.create();
    CheckpointRecorder replayer =
        ReplayRecordings.replayer(PayloadCapture.create(Redaction.defaults(), 2048), replayed, dir);
    WebClient replayClient = client(replayer);
    String[] answer = new String[1];

    ReplayRecordings.replay(
        replayer, key, () -> answer[0] = postEcho(replayClient, "{\"sku\":\"A-1\",\"qty\":2}"));

    assertThat(RecordedJson.parse(answer[0])).isEqualTo(RecordedJson.parse(recorded[0]));
    CheckpointData replayedCall = ExportedCheckpoints.await(replayed, 2).get(0);
    assertThat(replayedCall.kind()).isEqualTo(Kind.HTTP_CLIENT);
    assertThat(replayedCall.error()).isNull();
    assertThat(RecordedJson.of(replayedCall.output()))
        .isEqualTo(RecordedJson.of(recordedCall.output()));
    assertThat(RecordedJson.of(replayedCall.input()).path("body"))
        .isEqualTo(RecordedJson.of(recordedCall.input()).path("body"));
  }

  @Test
  void inReplayAnUnmatchedCallFailsNamingTheClosestRecordedCall(@TempDir Path dir)
      throws Exception {
    String key =
        ReplayRecordings.record(
            recorder,
            exporter,
            dir,
            () -> {
              postEcho(client, "{\"qty\":2}");
              ExportedCheckpoints.await(exporter, 1);
            });
    InMemoryExporter replayed = InMemoryExporter.create();
    CheckpointRecorder replayer =
        ReplayRecordings.replayer(PayloadCapture.create(Redaction.defaults(), 2048), replayed, dir);
    WebClient replayClient = client(replayer);
    Throwable[] thrown = new Throwable[1];

    ReplayRecordings.replay(
        replayer,
        key,
        () -> thrown[0] = catchThrowable(() -> postEcho(replayClient, "{\"qty\":3}")));

    assertThat(thrown[0]).isInstanceOf(WebClientRequestException.class);
    assertThat(thrown[0].getCause().getMessage())
        .contains("Unexpected HTTP call POST /echo {\"qty\":3}")
        .contains("Closest recorded calls:")
        .contains("/body/qty");
    CheckpointData unmatched = ExportedCheckpoints.await(replayed, 2).get(0);
    assertThat(unmatched.error().message()).contains("Closest recorded calls:");
  }

  private String postEcho(WebClient webClient, String json) {
    return webClient
        .post()
        .uri(server.uri("/echo"))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .retrieve()
        .bodyToMono(String.class)
        .block(WAIT);
  }

  private WebClient client(CheckpointRecorder recording) {
    return WebClient.builder()
        .clientConnector(connector())
        .filter(CheckpointExchangeFilterFunction.create(recording))
        .build();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
