package dev.checkpoint.instrumentation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.W3cPropagation;
import dev.checkpoint.instrumentation.testkit.TestHttpServer.ReceivedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every HTTP client instrumentation fulfils, run against a real HTTP server on
 * 127.0.0.1: inputs, outputs, errors, propagation, redaction, truncation and the recording modes.
 * An implementation's test extends this class and says how to build its instrumented client.
 */
public abstract class AbstractHttpClientInstrumentationTest {

  /** The payload limit of the recorder under test: small, so truncation is cheap to provoke. */
  protected static final int MAX_BYTES = 2048;

  /** Where the recorder under test exports. */
  protected final InMemoryExporter exporter = InMemoryExporter.create();

  /** The recorder the client under test is instrumented with; mode ON unless a test changes it. */
  protected CheckpointRecorder recorder;

  /** The server the client talks to. */
  protected TestHttpServer server;

  private HttpTestClient client;

  /**
   * Builds the client under test, instrumented with {@code recorder}.
   *
   * @param recorder the recorder
   * @return the client
   * @throws Exception when the client cannot be built
   */
  protected abstract HttpTestClient newClient(CheckpointRecorder recorder) throws Exception;

  @BeforeEach
  void startServerAndClient() throws Exception {
    recorder =
        CheckpointRecorder.builder()
            .service("client-under-test")
            .mode(RecordingMode.ON)
            .capture(PayloadCapture.create(Redaction.defaults(), MAX_BYTES))
            .exporter(exporter)
            .build();
    server = TestHttpServer.start();
    client = newClient(recorder);
  }

  @AfterEach
  void stopServerAndClient() throws Exception {
    client.close();
    server.close();
  }

  /**
   * Sends a request through the client under test.
   *
   * @param request the request
   * @return what the application received
   * @throws Exception what the client threw
   */
  protected TestResponse execute(TestRequest request) throws Exception {
    return client.execute(request);
  }

  /**
   * Waits until the given number of checkpoints were exported.
   *
   * @param count how many
   * @return them, in the order they ended
   * @throws InterruptedException when interrupted
   */
  protected List<CheckpointData> awaitCheckpoints(int count) throws InterruptedException {
    return ExportedCheckpoints.await(exporter, count);
  }

  /**
   * Waits for the one checkpoint a call records.
   *
   * @return the checkpoint
   * @throws InterruptedException when interrupted
   */
  protected CheckpointData awaitOneCheckpoint() throws InterruptedException {
    return awaitCheckpoints(1).get(0);
  }

  @Test
  void inReplayTheRecordedResponseIsGivenBackWithoutANetworkCall(@TempDir Path dir)
      throws Exception {
    TestRequest request =
        TestRequest.post(
            server.uri("/echo?x=1"),
            "application/json",
            "{\"sku\":\"A-1\",\"qty\":2}".getBytes(StandardCharsets.UTF_8));
    TestResponse[] recorded = new TestResponse[1];
    String key =
        ReplayRecordings.record(recorder, exporter, dir, () -> recorded[0] = execute(request));
    CheckpointData recordedCall = exporter.checkpoints().get(0);
    // Closed: a call that reached the network would fail.
    server.close();
    InMemoryExporter replayed = InMemoryExporter.create();
    CheckpointRecorder replayer =
        ReplayRecordings.replayer(
            PayloadCapture.create(Redaction.defaults(), MAX_BYTES), replayed, dir);
    HttpTestClient replayClient = newClient(replayer);
    try {
      TestResponse[] answer = new TestResponse[1];
      ReplayRecordings.replay(replayer, key, () -> answer[0] = replayClient.execute(request));

      assertThat(answer[0].status()).isEqualTo(recorded[0].status());
      // Assets keep JSON keys sorted: the body comes back as the same JSON value.
      assertThat(RecordedJson.parse(answer[0].text()))
          .isEqualTo(RecordedJson.parse(recorded[0].text()));
      assertThat(answer[0].header("content-type")).isEqualTo(recorded[0].header("content-type"));
      CheckpointData replayedCall = ExportedCheckpoints.await(replayed, 2).get(0);
      assertThat(replayedCall.kind()).isEqualTo(Kind.HTTP_CLIENT);
      assertThat(replayedCall.error()).isNull();
      assertThat(RecordedJson.of(replayedCall.output()))
          .isEqualTo(RecordedJson.of(recordedCall.output()));
      assertThat(RecordedJson.of(replayedCall.input()).path("body"))
          .isEqualTo(RecordedJson.of(recordedCall.input()).path("body"));
    } finally {
      replayClient.close();
    }
  }

  @Test
  void inReplayAnUnmatchedCallFailsNamingTheClosestRecordedCall(@TempDir Path dir)
      throws Exception {
    String key =
        ReplayRecordings.record(
            recorder,
            exporter,
            dir,
            () ->
                execute(
                    TestRequest.post(
                        server.uri("/echo"),
                        "application/json",
                        "{\"qty\":2}".getBytes(StandardCharsets.UTF_8))));
    InMemoryExporter replayed = InMemoryExporter.create();
    CheckpointRecorder replayer =
        ReplayRecordings.replayer(
            PayloadCapture.create(Redaction.defaults(), MAX_BYTES), replayed, dir);
    HttpTestClient replayClient = newClient(replayer);
    try {
      Throwable[] thrown = new Throwable[1];
      ReplayRecordings.replay(
          replayer,
          key,
          () ->
              thrown[0] =
                  catchThrowable(
                      () ->
                          replayClient.execute(
                              TestRequest.post(
                                  server.uri("/echo"),
                                  "application/json",
                                  "{\"qty\":3}".getBytes(StandardCharsets.UTF_8)))));

      assertThat(thrown[0]).isNotNull();
      StringBuilder messages = new StringBuilder();
      for (Throwable t = thrown[0]; t != null; t = t.getCause()) {
        messages.append(t.getMessage()).append('\n');
      }
      assertThat(messages.toString())
          .contains("Unexpected HTTP call POST /echo {\"qty\":3}")
          .contains("Closest recorded calls:")
          .contains("/body/qty");
      CheckpointData unmatched = ExportedCheckpoints.await(replayed, 2).get(0);
      assertThat(unmatched.error().message()).contains("Closest recorded calls:");
    } finally {
      replayClient.close();
    }
  }

  @Test
  void recordsJsonRequestAndResponse() throws Exception {
    byte[] body = "{\"sku\":\"A-1\",\"qty\":2}".getBytes(StandardCharsets.UTF_8);

    TestResponse response =
        execute(
            TestRequest.post(server.uri("/echo?x=1"), "application/json", body)
                .withHeader("X-Custom", "c-1"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
    CheckpointData checkpoint = awaitOneCheckpoint();
    assertThat(checkpoint.kind()).isEqualTo(Kind.HTTP_CLIENT);
    assertThat(checkpoint.name()).isEqualTo("POST /echo");
    assertThat(checkpoint.error()).isNull();
    assertThat(checkpoint.truncated()).isEmpty();
    JsonNode input = RecordedJson.of(checkpoint.input());
    assertThat(input.path("method").asText()).isEqualTo("POST");
    assertThat(input.path("url").asText()).isEqualTo(server.uri("/echo?x=1").toString());
    assertThat(input.path("headers").path("x-custom").asText()).isEqualTo("c-1");
    assertThat(input.path("headers").path("content-type").asText()).isEqualTo("application/json");
    assertThat(input.path("body")).isEqualTo(RecordedJson.parse("{\"sku\":\"A-1\",\"qty\":2}"));
    JsonNode output = RecordedJson.of(checkpoint.output());
    assertThat(output.path("status").asInt()).isEqualTo(200);
    assertThat(output.path("headers").path("x-reply").asText()).isEqualTo("echo");
    assertThat(output.path("body")).isEqualTo(RecordedJson.parse("{\"sku\":\"A-1\",\"qty\":2}"));
  }

  @Test
  void recordsTextAndEmptyBodies() throws Exception {
    TestResponse empty = execute(TestRequest.get(server.uri("/echo")));
    TestResponse text =
        execute(
            TestRequest.post(
                server.uri("/echo"),
                "text/plain; charset=UTF-8",
                "grüße".getBytes(StandardCharsets.UTF_8)));

    assertThat(empty.body()).isEmpty();
    assertThat(text.text()).isEqualTo("grüße");
    List<CheckpointData> checkpoints = awaitCheckpoints(2);
    JsonNode emptyInput = RecordedJson.of(checkpoints.get(0).input());
    JsonNode emptyOutput = RecordedJson.of(checkpoints.get(0).output());
    assertThat(emptyInput.path("method").asText()).isEqualTo("GET");
    assertThat(emptyInput.path("body").isNull()).isTrue();
    assertThat(emptyOutput.path("body").isNull()).isTrue();
    assertThat(RecordedJson.of(checkpoints.get(1).input()).path("body").asText())
        .isEqualTo("grüße");
    assertThat(RecordedJson.of(checkpoints.get(1).output()).path("body").asText())
        .isEqualTo("grüße");
  }

  @Test
  void recordsBinaryBodiesAsBase64() throws Exception {
    byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe};

    TestResponse response =
        execute(TestRequest.post(server.uri("/echo"), "application/octet-stream", bytes));

    assertThat(response.body()).isEqualTo(bytes);
    JsonNode body = RecordedJson.of(awaitOneCheckpoint().output()).path("body");
    assertThat(body.path("base64").asText()).isEqualTo(Base64.getEncoder().encodeToString(bytes));
    assertThat(body.path("size").asInt()).isEqualTo(5);
  }

  @Test
  void errorStatusIsAnOutputNotAnError() throws Exception {
    TestResponse response =
        execute(
            TestRequest.post(
                server.uri("/echo?status=404"),
                "application/json",
                "{\"error\":\"unknown product\"}".getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status()).isEqualTo(404);
    CheckpointData checkpoint = awaitOneCheckpoint();
    assertThat(checkpoint.error()).isNull();
    JsonNode output = RecordedJson.of(checkpoint.output());
    assertThat(output.path("status").asInt()).isEqualTo(404);
    assertThat(output.path("body").path("error").asText()).isEqualTo("unknown product");
  }

  @Test
  void connectionFailureIsRecordedAndRethrownUnchanged() throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + closedPort() + "/nothing");
    recorder.control().set(RecordingMode.OFF, null);
    Throwable withoutRecording = catchThrowable(() -> execute(TestRequest.get(closed)));
    recorder.control().set(RecordingMode.ON, null);

    Throwable thrown = catchThrowable(() -> execute(TestRequest.get(closed)));

    assertThat(withoutRecording).isNotNull();
    assertThat(thrown)
        .isInstanceOf(withoutRecording.getClass())
        .hasMessage(withoutRecording.getMessage());
    CheckpointData checkpoint = awaitOneCheckpoint();
    assertThat(checkpoint.error()).isNotNull();
    assertThat(checkpoint.error().type()).isEqualTo(thrown.getClass().getName());
    assertThat(RecordedJson.of(checkpoint.input()).path("url").asText())
        .isEqualTo(closed.toString());
    assertThat(checkpoint.output()).isNull();
  }

  @Test
  void timeoutIsRecordedAndRethrownUnchanged() throws Exception {
    TestRequest slow = TestRequest.get(server.uri("/slow")).withTimeout(Duration.ofMillis(300));
    recorder.control().set(RecordingMode.OFF, null);
    Throwable withoutRecording = catchThrowable(() -> execute(slow));
    recorder.control().set(RecordingMode.ON, null);

    Throwable thrown = catchThrowable(() -> execute(slow));

    assertThat(withoutRecording).isInstanceOf(IOException.class);
    assertThat(thrown).isInstanceOf(withoutRecording.getClass());
    CheckpointData checkpoint = awaitOneCheckpoint();
    assertThat(checkpoint.error()).isNotNull();
    assertThat(checkpoint.error().type()).isEqualTo(thrown.getClass().getName());
  }

  @Test
  void propagatesTheTreeAndKeepsExistingBaggage() throws Exception {
    Context incoming = W3cPropagation.extract(null, "checkpoint.run=run-7").orElseThrow();
    String parentId;
    try (Scope ignored = incoming.makeCurrent();
        ActiveCheckpoint parent = recorder.start(Kind.METHOD, "OrderService.place", null)) {
      parentId = ((RecordingCheckpoint) parent).id();
      execute(TestRequest.get(server.uri("/echo")).withHeader("baggage", "tenant=acme"));
    }

    ReceivedRequest received = server.takeRequest();
    List<CheckpointData> checkpoints = awaitCheckpoints(2);
    CheckpointData call = checkpoints.get(0);
    assertThat(call.kind()).isEqualTo(Kind.HTTP_CLIENT);
    assertThat(call.parentId()).isEqualTo(parentId);
    assertThat(call.traceId()).isEqualTo(checkpoints.get(1).traceId());
    assertThat(call.runId()).isEqualTo("run-7");
    assertThat(received.header("traceparent"))
        .isEqualTo("00-" + call.traceId() + "-" + call.id() + "-01");
    assertThat(received.header("baggage")).contains("tenant=acme", "checkpoint.run=run-7");
    assertThat(RecordedJson.of(call.input()).path("headers").path("baggage").asText())
        .as("the request is recorded as the application built it")
        .isEqualTo("tenant=acme");
  }

  @Test
  void redactsSecretHeadersAndJsonKeysButSendsThem() throws Exception {
    String json = "{\"user\":\"ann\",\"password\":\"hunter2\"}";

    execute(
        TestRequest.post(
                server.uri("/echo"), "application/json", json.getBytes(StandardCharsets.UTF_8))
            .withHeader("Authorization", "Bearer abc"));
    execute(TestRequest.get(server.uri("/json")));

    ReceivedRequest received = server.takeRequest();
    assertThat(received.header("authorization")).isEqualTo("Bearer abc");
    assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(json);
    List<CheckpointData> checkpoints = awaitCheckpoints(2);
    CheckpointData echo = checkpoints.get(0);
    JsonNode input = RecordedJson.of(echo.input());
    assertThat(input.path("headers").path("authorization").asText()).isEqualTo("[REDACTED]");
    assertThat(input.path("body").path("password").asText()).isEqualTo("[REDACTED]");
    assertThat(input.path("body").path("user").asText()).isEqualTo("ann");
    assertThat(echo.redacted())
        .contains("input.headers.authorization", "input.body.password", "output.body.password");
    assertThat(echo.input().json()).doesNotContain("hunter2", "Bearer abc");
    assertThat(checkpoints.get(1).output().json()).doesNotContain("server-secret");
    assertThat(checkpoints.get(1).redacted()).contains("output.body.token");
  }

  @Test
  void redactsSecretsInTheUrlHeaderValuesAndStringsButSendsThem() throws Exception {
    String json =
        "{\"pin\":\"p-1111\",\"note\":\"card 4111 1111 1111 1111\","
            + "\"meta\":\"{\\\"jwt\\\":\\\"j-2222\\\"}\"}";
    URI uri = server.uri("/echo?user=ann&access_token=t-3333&x=1");

    execute(
        TestRequest.post(uri, "application/json", json.getBytes(StandardCharsets.UTF_8))
            .withHeader("X-Session-Id", "s-4444")
            .withHeader("X-Callback", "https://hooks.example/cb?api_key=k-5555"));

    ReceivedRequest received = server.takeRequest();
    assertThat(received.header("x-session-id")).isEqualTo("s-4444");
    assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(json);
    CheckpointData echo = awaitCheckpoints(1).get(0);
    JsonNode input = RecordedJson.of(echo.input());
    assertThat(input.path("url").asText()).endsWith("/echo?user=ann&access_token=[REDACTED]&x=1");
    assertThat(echo.input().json() + echo.output().json())
        .doesNotContain("p-1111", "4111", "j-2222", "t-3333", "s-4444", "k-5555");
    assertThat(echo.redacted())
        .contains(
            "input.url",
            "input.headers.x-session-id",
            "input.headers.x-callback",
            "input.body.pin",
            "input.body.note",
            "input.body.meta");
  }

  @Test
  void truncatesLargeBodiesButDeliversThemWhole() throws Exception {
    byte[] large = new byte[10_000];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) ('a' + i % 26);
    }

    TestResponse response = execute(TestRequest.post(server.uri("/echo"), "text/plain", large));

    assertThat(response.body()).isEqualTo(large);
    assertThat(server.takeRequest().body()).isEqualTo(large);
    CheckpointData checkpoint = awaitOneCheckpoint();
    assertThat(checkpoint.truncated()).containsExactlyInAnyOrder("input.body", "output.body");
    assertThat(checkpoint.input().size()).isLessThanOrEqualTo(MAX_BYTES);
    assertThat(checkpoint.output().size()).isLessThanOrEqualTo(MAX_BYTES);
    JsonNode body = RecordedJson.of(checkpoint.input()).path("body");
    assertThat(body.path("truncated").asBoolean()).isTrue();
    assertThat(body.path("originalSize").asLong()).isEqualTo(10_000);
    assertThat(body.path("preview").asText()).startsWith("abcdefghij");
    assertThat(RecordedJson.of(checkpoint.input()).path("method").asText()).isEqualTo("POST");
    assertThat(RecordedJson.of(checkpoint.output()).path("status").asInt()).isEqualTo(200);
  }

  @Test
  void offRecordsNothingAndSendsNoHeaders() throws Exception {
    recorder.control().set(RecordingMode.OFF, null);

    TestResponse response = execute(TestRequest.get(server.uri("/json")));

    assertThat(response.text()).contains("\"ok\":true");
    ReceivedRequest received = server.takeRequest();
    assertThat(received.header("traceparent")).isNull();
    assertThat(received.header("baggage")).isNull();
    assertThat(exporter.checkpoints()).isEmpty();
  }

  @Test
  void onDemandRecordsOnlyCallsThatCarryARunId() throws Exception {
    recorder.control().set(RecordingMode.ON_DEMAND, null);

    execute(TestRequest.get(server.uri("/echo")));
    assertThat(server.takeRequest().header("traceparent")).isNull();
    try (Scope ignored =
        W3cPropagation.extract(null, "checkpoint.run=scenario-3").orElseThrow().makeCurrent()) {
      execute(TestRequest.get(server.uri("/echo")));
    }

    ReceivedRequest received = server.takeRequest();
    CheckpointData checkpoint = awaitOneCheckpoint();
    assertThat(checkpoint.runId()).isEqualTo("scenario-3");
    assertThat(checkpoint.parentId()).isNull();
    assertThat(received.header("traceparent")).contains(checkpoint.id());
    assertThat(received.header("baggage")).isEqualTo("checkpoint.run=scenario-3");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
