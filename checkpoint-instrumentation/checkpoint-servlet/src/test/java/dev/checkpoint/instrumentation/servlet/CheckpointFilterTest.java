package dev.checkpoint.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.model.ErrorData;
import dev.checkpoint.instrumentation.http.FormFields;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckpointFilterTest {

  private static final int MAX_BYTES = 2048;

  private final InMemoryExporter exporter = InMemoryExporter.create();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ExecutorService async = Executors.newSingleThreadExecutor();
  private CheckpointRecorder recorder;
  private JettyServer server;

  @BeforeEach
  void start() throws Exception {
    recorder =
        CheckpointRecorder.builder()
            .service("server-under-test")
            .mode(RecordingMode.ON)
            .capture(PayloadCapture.create(Redaction.defaults(), MAX_BYTES))
            .exporter(exporter)
            .build();
    server =
        JettyServer.start(
            CheckpointFilter.builder(recorder).errorPages(true).build(),
            recorder,
            ApplicationServlets.all(recorder, async));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    async.shutdownNow();
  }

  @Test
  void recordsRequestAndResponseReadAndWrittenAsStreams() throws Exception {
    String json = "{\"sku\":\"A-1\",\"qty\":2}";

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri("/echo?x=1&y=2"))
                .header("Content-Type", "application/json")
                .header("X-Custom", "c-1")
                .POST(BodyPublishers.ofString(json))
                .build(),
            BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo(json);
    List<CheckpointData> checkpoints = ExportedCheckpoints.await(exporter, 2);
    CheckpointData inner = checkpoints.get(0);
    CheckpointData call = checkpoints.get(1);
    assertThat(call.kind()).isEqualTo(Kind.HTTP_SERVER);
    assertThat(call.name()).isEqualTo("POST /echo");
    assertThat(call.parentId()).isNull();
    assertThat(inner.parentId()).as("the application's checkpoint is a child").isEqualTo(call.id());
    JsonNode input = RecordedJson.of(call.input());
    assertThat(input.path("method").asText()).isEqualTo("POST");
    assertThat(input.path("path").asText()).isEqualTo("/echo");
    assertThat(input.path("query").asText()).isEqualTo("x=1&y=2");
    assertThat(input.path("headers").path("x-custom").asText()).isEqualTo("c-1");
    assertThat(input.path("body")).isEqualTo(RecordedJson.parse(json));
    JsonNode output = RecordedJson.of(call.output());
    assertThat(output.path("status").asInt()).isEqualTo(200);
    assertThat(output.path("headers").path("x-reply").asText()).isEqualTo("echo");
    assertThat(output.path("body")).isEqualTo(RecordedJson.parse(json));
    assertThat(JettyServer.contextAfterLastRequest()).isNull();
  }

  @Test
  void readerAndWriterAreCapturedInTheirCharsets() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri("/text"))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(BodyPublishers.ofString("grüße", StandardCharsets.UTF_8))
                .build(),
            BodyHandlers.ofString(StandardCharsets.UTF_8));

    assertThat(response.body()).isEqualTo("GRÜSSE" + System.lineSeparator());
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(RecordedJson.of(call.input()).path("body").asText()).isEqualTo("grüße");
    assertThat(RecordedJson.of(call.output()).path("body").asText())
        .isEqualTo("GRÜSSE" + System.lineSeparator());
  }

  @Test
  void emptyBodiesAreRecordedAsNull() throws Exception {
    HttpResponse<String> response = get("/echo");

    assertThat(response.statusCode()).isEqualTo(200);
    CheckpointData call = ExportedCheckpoints.await(exporter, 2).get(1);
    JsonNode input = RecordedJson.of(call.input());
    assertThat(input.path("method").asText()).isEqualTo("GET");
    assertThat(input.path("query").isNull()).isTrue();
    assertThat(input.path("body").isNull()).isTrue();
    assertThat(RecordedJson.of(call.output()).path("body").isNull()).isTrue();
  }

  @Test
  void largeBodiesAreTruncatedButPassedThroughWhole() throws Exception {
    byte[] large = new byte[10_000];
    Arrays.fill(large, (byte) 'q');

    HttpResponse<byte[]> echoed =
        http.send(
            HttpRequest.newBuilder(server.uri("/echo"))
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofByteArray(large))
                .build(),
            BodyHandlers.ofByteArray());
    HttpResponse<byte[]> streamed =
        http.send(HttpRequest.newBuilder(server.uri("/large")).build(), BodyHandlers.ofByteArray());

    assertThat(echoed.body()).isEqualTo(large);
    assertThat(streamed.body()).hasSize(ApplicationServlets.LARGE_SIZE);
    List<CheckpointData> checkpoints = ExportedCheckpoints.await(exporter, 3);
    CheckpointData echo = checkpoints.get(1);
    assertThat(echo.truncated()).containsExactlyInAnyOrder("input.body", "output.body");
    JsonNode body = RecordedJson.of(echo.input()).path("body");
    assertThat(body.path("truncated").asBoolean()).isTrue();
    assertThat(body.path("originalSize").asLong()).isEqualTo(10_000);
    assertThat(body.path("preview").asText()).startsWith("qqqq");
    assertThat(echo.input().size()).isLessThanOrEqualTo(MAX_BYTES);
    CheckpointData stream = checkpoints.get(2);
    assertThat(stream.truncated()).containsExactly("output.body");
    assertThat(RecordedJson.of(stream.output()).path("body").path("originalSize").asLong())
        .isEqualTo(ApplicationServlets.LARGE_SIZE);
  }

  @Test
  void aResetResponseIsRecordedAsTheClientReceivesIt() throws Exception {
    HttpResponse<String> response = get("/reset");

    assertThat(response.body()).isEqualTo("final");
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(RecordedJson.of(call.output()).path("body").asText()).isEqualTo("final");
  }

  @Test
  void routeAttributeNamesTheCheckpoint() throws Exception {
    HttpResponse<String> response = get("/items/42");

    assertThat(response.statusCode()).isEqualTo(201);
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(call.name()).isEqualTo("GET /items/{id}");
    assertThat(RecordedJson.of(call.attributes()).path("http.route").asText())
        .isEqualTo("/items/{id}");
    assertThat(RecordedJson.of(call.input()).path("path").asText()).isEqualTo("/items/42");
    assertThat(RecordedJson.of(call.output()).path("body").path("id").asText()).isEqualTo("42");
  }

  @Test
  void asyncRequestEndsWhenTheAsyncContextCompletes() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri("/async"))
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .build(),
            BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo("{\"async\":true}");
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(call.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(RecordedJson.of(call.output()).path("body").path("async").asBoolean()).isTrue();
    assertThat(call.durationNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    assertThat(JettyServer.contextAfterLastRequest())
        .as("the request thread's context is restored when it leaves the filter")
        .isNull();
  }

  @Test
  void joinsTheCallersTreeFromW3cHeaders() throws Exception {
    http.send(
        HttpRequest.newBuilder(server.uri("/items/7"))
            .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .header("baggage", "tenant=acme,checkpoint.run=run-9")
            .build(),
        BodyHandlers.ofString());

    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(call.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(call.parentId()).isEqualTo("b7ad6b7169203331");
    assertThat(call.runId()).isEqualTo("run-9");
  }

  @Test
  void onDemandRecordsOnlyRequestsCarryingARunId() throws Exception {
    recorder.control().set(RecordingMode.ON_DEMAND, null);

    get("/items/1");
    http.send(
        HttpRequest.newBuilder(server.uri("/items/2"))
            .header("baggage", "checkpoint.run=scenario-1")
            .build(),
        BodyHandlers.ofString());

    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(call.runId()).isEqualTo("scenario-1");
    assertThat(RecordedJson.of(call.input()).path("path").asText()).isEqualTo("/items/2");
  }

  @Test
  void offRecordsNothingAndTheApplicationWorksAsBefore() throws Exception {
    recorder.control().set(RecordingMode.OFF, null);

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri("/echo"))
                .POST(BodyPublishers.ofString("plain"))
                .build(),
            BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo("plain");
    assertThat(exporter.checkpoints()).isEmpty();
  }

  @Test
  void aFailureIsRecordedWithTheErrorPageTheClientGot() throws Exception {
    HttpResponse<String> response = get("/fail");

    assertThat(response.statusCode()).isEqualTo(500);
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(call.name()).isEqualTo("GET /fail");
    assertThat(call.error().type()).isEqualTo(IllegalStateException.class.getName());
    assertThat(call.error().message()).isEqualTo("boom");
    JsonNode output = RecordedJson.of(call.output());
    assertThat(output.path("status").asInt()).isEqualTo(500);
    assertThat(output.path("headers").path("x-error-page").asText()).isEqualTo("yes");
    assertThat(output.path("headers").path("content-type").asText()).startsWith("application/json");
    assertThat(output.path("body")).isEqualTo(RecordedJson.parse(response.body()));
    assertThat(response.body()).isEqualTo("{\"status\":500,\"failure\":\"IllegalStateException\"}");
  }

  @Test
  void aServletExceptionWrapperIsUnwrappedAndTheCausesRecorded() throws Exception {
    get("/wrapped");

    ErrorData error = ExportedCheckpoints.await(exporter, 1).get(0).error();
    assertThat(error.type()).isEqualTo(IllegalStateException.class.getName());
    assertThat(error.message()).isEqualTo("no stock");
    assertThat(error.causes())
        .containsExactly(new ErrorData.Cause(IOException.class.getName(), "warehouse unreachable"));
  }

  @Test
  void aSentErrorIsRecordedWithTheErrorPage() throws Exception {
    HttpResponse<String> response = get("/missing");

    assertThat(response.statusCode()).isEqualTo(404);
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(call.error()).isNull();
    JsonNode output = RecordedJson.of(call.output());
    assertThat(output.path("status").asInt()).isEqualTo(404);
    assertThat(output.path("body")).isEqualTo(RecordedJson.parse(response.body()));
    assertThat(exporter.checkpoints())
        .as("the error dispatch is no checkpoint of its own")
        .hasSize(1);
  }

  @Test
  void withoutErrorPagesAFailureIsRecordedWhenTheChainReturns() throws Exception {
    server.close();
    server =
        JettyServer.start(
            CheckpointFilter.create(recorder), recorder, ApplicationServlets.all(recorder, async));

    HttpResponse<String> response = get("/fail");

    assertThat(response.body()).contains("IllegalStateException");
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(call.error().message()).isEqualTo("boom");
    JsonNode output = RecordedJson.of(call.output());
    assertThat(output.path("status").asInt()).isEqualTo(500);
    assertThat(output.path("body").isNull()).as("the page came after the recording").isTrue();
  }

  @Test
  void aRequestWaitingForItsErrorPageEndsEvenWhenRecordingWasSwitchedOff() throws Exception {
    server.close();
    CheckpointFilter filter = CheckpointFilter.builder(recorder).errorPages(true).build();
    Filter switchingOff =
        (request, response, chain) ->
            filter.doFilter(
                request,
                response,
                (req, res) -> {
                  recorder.control().set(RecordingMode.OFF, null);
                  chain.doFilter(req, res);
                });
    server = JettyServer.start(switchingOff, recorder, ApplicationServlets.all(recorder, async));

    get("/missing");

    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(RecordedJson.of(call.output()).path("status").asInt()).isEqualTo(404);
  }

  @Test
  void redactsSecretHeadersAndJsonKeysButPassesThemOn() throws Exception {
    String json = "{\"user\":\"ann\",\"password\":\"hunter2\"}";

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri("/echo"))
                .header("Authorization", "Bearer abc")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json))
                .build(),
            BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo(json);
    CheckpointData call = ExportedCheckpoints.await(exporter, 2).get(1);
    assertThat(call.redacted())
        .contains("input.headers.authorization", "input.body.password", "output.body.password");
    assertThat(call.input().json()).doesNotContain("hunter2", "Bearer abc");
    assertThat(call.output().json()).doesNotContain("hunter2");
  }

  @Test
  void aFormTheContainerParsedIsRecordedAsItsFieldsWithoutTheQuery() throws Exception {
    HttpResponse<String> response =
        post(
            "/form?source=link&tag=q",
            "application/x-www-form-urlencoded",
            "user=ann+b&tag=a&tag=b&password=hunter2&source=form&empty=");

    assertThat(response.body()).isEqualTo("5 fields");
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(RecordedJson.of(call.input()).path("body"))
        .isEqualTo(
            RecordedJson.parse(
                "{\"source\":\"form\",\"tag\":[\"a\",\"b\"],\"user\":\"ann b\","
                    + "\"password\":\"[REDACTED]\",\"empty\":\"\"}"));
    assertThat(call.redacted()).contains("input.body.password");
    assertThat(call.input().json()).doesNotContain("hunter2");
  }

  @Test
  void aMultipartFormIsRecordedAsItsFieldsAndFilesAfterTheApplicationDeletedThem()
      throws Exception {
    byte[] photo = new byte[300];
    Arrays.fill(photo, (byte) 7);
    photo[0] = (byte) 0x89;
    Multipart form =
        new Multipart()
            .field("name", "Pixel")
            .field("tag", "cat")
            .field("tag", "small")
            .file("photo", "pixel.png", "image/png", photo);

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri("/upload"))
                .header("Content-Type", form.contentType())
                .POST(BodyPublishers.ofByteArray(form.bytes()))
                .build(),
            BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo("4 parts");
    JsonNode body =
        RecordedJson.of(ExportedCheckpoints.await(exporter, 1).get(0).input()).path("body");
    assertThat(body.path("name").asText()).isEqualTo("Pixel");
    assertThat(body.path("tag")).isEqualTo(RecordedJson.parse("[\"cat\",\"small\"]"));
    JsonNode file = body.path("photo");
    assertThat(file.path("filename").asText()).isEqualTo("pixel.png");
    assertThat(file.path("contentType").asText()).isEqualTo("image/png");
    assertThat(file.path("size").asInt()).isEqualTo(300);
    assertThat(Base64.getDecoder().decode(file.path("prefix").asText()))
        .isEqualTo(Arrays.copyOf(photo, FormFields.FILE_PREFIX_BYTES));
  }

  @Test
  void aParsedFormOverThePayloadLimitIsATruncatedPreview() throws Exception {
    String note = "n".repeat(MAX_BYTES * 2);

    post("/form", "application/x-www-form-urlencoded", "user=ann&note=" + note);

    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(call.truncated()).containsExactly("input.body");
    JsonNode body = RecordedJson.of(call.input()).path("body");
    assertThat(body.path("originalSize").asLong()).isEqualTo(("user=ann&note=" + note).length());
    assertThat(body.path("preview").asText()).isEqualTo("{\"user\":\"ann\"}");
    assertThat(call.input().size()).isLessThanOrEqualTo(MAX_BYTES);
  }

  @Test
  void aFormNobodyReadIsNotReadForTheRecording() throws Exception {
    HttpResponse<String> response =
        post("/items/9", "application/x-www-form-urlencoded", "user=ann");

    assertThat(response.statusCode()).isEqualTo(201);
    CheckpointData call = ExportedCheckpoints.await(exporter, 1).get(0);
    assertThat(RecordedJson.of(call.input()).path("body").isNull()).isTrue();
  }

  @Test
  void controlRequestsAreNotRecorded() throws Exception {
    HttpResponse<String> response = get(CheckpointControlServlet.PATH);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(exporter.checkpoints()).isEmpty();
  }

  @Test
  void routeResolverHookNamesTheCheckpoint() throws Exception {
    server.close();
    server =
        JettyServer.start(
            CheckpointFilter.builder(recorder)
                .routeResolver(request -> request.getRequestURI().replaceAll("/\\d+", "/{n}"))
                .build(),
            recorder,
            Map.of("/echo/*", ApplicationServlets.all(recorder, async).get("/echo")));

    get("/echo/5");

    assertThat(ExportedCheckpoints.await(exporter, 2).get(1).name()).isEqualTo("GET /echo/{n}");
  }

  @Test
  void aSecondFilterOnTheSameRequestRecordsNothingMore() throws Exception {
    server.close();
    CheckpointFilter filter = CheckpointFilter.create(recorder);
    Filter twice =
        (request, response, chain) ->
            filter.doFilter(request, response, (req, res) -> filter.doFilter(req, res, chain));
    server =
        JettyServer.start(
            twice,
            recorder,
            Map.of("/items/*", ApplicationServlets.all(recorder, async).get("/items/*")));

    HttpResponse<String> response = get("/items/3");

    assertThat(response.body()).isEqualTo("{\"id\":\"3\"}");
    assertThat(ExportedCheckpoints.await(exporter, 1).get(0).name()).isEqualTo("GET /items/{id}");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri(path)).build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", contentType)
            .POST(BodyPublishers.ofString(body))
            .build(),
        BodyHandlers.ofString());
  }
}
