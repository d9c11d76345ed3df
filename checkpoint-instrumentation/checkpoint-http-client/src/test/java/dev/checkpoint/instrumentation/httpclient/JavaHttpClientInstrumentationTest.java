package dev.checkpoint.instrumentation.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.AbstractHttpClientInstrumentationTest;
import dev.checkpoint.instrumentation.testkit.HttpTestClient;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import dev.checkpoint.instrumentation.testkit.TestRequest;
import dev.checkpoint.instrumentation.testkit.TestResponse;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JavaHttpClientInstrumentationTest extends AbstractHttpClientInstrumentationTest {

  private HttpClient client;

  @Override
  protected HttpTestClient newClient(CheckpointRecorder recorder) {
    client =
        JavaHttpClientCheckpoints.wrap(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build(),
            recorder);
    return request -> {
      HttpResponse<byte[]> response =
          client.send(toJdk(request), HttpResponse.BodyHandlers.ofByteArray());
      return new TestResponse(response.statusCode(), firstValues(response), response.body());
    };
  }

  @Test
  void aClientThatRecordsAlreadyIsNotWrappedAgain() {
    CheckpointRecorder recorder =
        CheckpointRecorder.fromConfig(CheckpointConfig.defaults(), CheckpointExporter.noop());
    HttpClient recording = JavaHttpClientCheckpoints.wrap(HttpClient.newHttpClient(), recorder);

    assertThat(JavaHttpClientCheckpoints.wrap(recording, recorder)).isSameAs(recording);
  }

  @Test
  void sendAsyncIsRecordedWhenTheResponseArrives() throws Exception {
    HttpResponse<String> response =
        client
            .sendAsync(
                toJdk(
                    TestRequest.post(
                        server.uri("/echo"),
                        "application/json",
                        "{\"a\":1}".getBytes(StandardCharsets.UTF_8))),
                HttpResponse.BodyHandlers.ofString())
            .get(5, TimeUnit.SECONDS);

    assertThat(response.body()).isEqualTo("{\"a\":1}");
    CheckpointData checkpoint = awaitOneCheckpoint();
    assertThat(RecordedJson.of(checkpoint.output()).path("body").path("a").asInt()).isEqualTo(1);
  }

  @Test
  void streamingResponseBodyIsRecordedAsItIsDelivered() throws Exception {
    HttpResponse<InputStream> response =
        client.send(
            toJdk(TestRequest.get(server.uri("/json"))), HttpResponse.BodyHandlers.ofInputStream());

    try (InputStream body = response.body()) {
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("\"ok\":true");
    }

    JsonNode output = RecordedJson.of(awaitOneCheckpoint().output());
    assertThat(output.path("body").path("ok").asBoolean()).isTrue();
  }

  private static HttpRequest toJdk(TestRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(builder::header);
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    if (request.timeout() != null) {
      builder.timeout(request.timeout());
    }
    return builder.build();
  }

  private static Map<String, String> firstValues(HttpResponse<?> response) {
    Map<String, String> headers = new TreeMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
    return headers;
  }
}
