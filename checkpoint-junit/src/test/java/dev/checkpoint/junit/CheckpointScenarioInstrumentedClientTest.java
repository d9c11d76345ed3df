package dev.checkpoint.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.sun.net.httpserver.HttpServer;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.httpclient.JavaHttpClientCheckpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What {@code docs/scenarios.md} promises about instrumented clients in a
 * {@code @CheckpointScenario} test: a wrapped java.net.http client propagates the run when its
 * recorder records ({@code ON_DEMAND}), and nothing when it is {@code OFF}.
 */
class CheckpointScenarioInstrumentedClientTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT = "b7ad6b7169203331";

  /** Headers the service received: baggage and traceparent, {@code "-"} when absent. */
  static final List<String> received = new CopyOnWriteArrayList<>();

  static CheckpointRecorder recorder;
  static URI service;

  private final InMemoryExporter exported = InMemoryExporter.create();
  private HttpServer server;

  @CheckpointScenario
  static class Checkout {
    @Test
    void placesAnOrder() throws IOException, InterruptedException {
      HttpClient client = JavaHttpClientCheckpoints.wrap(HttpClient.newHttpClient(), recorder);
      client.send(HttpRequest.newBuilder(service).build(), HttpResponse.BodyHandlers.discarding());
    }
  }

  @BeforeEach
  void startService() throws IOException {
    received.clear();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          for (String header : List.of("baggage", "traceparent")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            received.add(value == null ? "-" : value);
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    service = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
  }

  @AfterEach
  void stopService() {
    server.stop(0);
    recorder.shutdown(java.time.Duration.ofSeconds(1));
  }

  @Test
  void aRecordingClientSendsTheRunAndContinuesTheStepsTree() {
    recorder =
        CheckpointRecorder.builder()
            .service("checkout-it")
            .mode(RecordingMode.ON_DEMAND)
            .exporter(exported)
            .build();

    runInScenario();

    assertThat(received).element(0).isEqualTo("checkpoint.run=run-1");
    assertThat(received).element(1).asString().startsWith("00-" + TRACE + "-");
    recorder.shutdown(java.time.Duration.ofSeconds(5));
    CheckpointData call = exported.checkpoints().get(0);
    assertThat(call.traceId()).isEqualTo(TRACE);
    assertThat(call.parentId()).isEqualTo(PARENT);
    assertThat(call.runId()).isEqualTo("run-1");
    assertThat(received.get(1)).isEqualTo("00-" + TRACE + "-" + call.id() + "-01");
  }

  @Test
  void aClientWhoseRecorderIsOffPropagatesNothing() {
    recorder =
        CheckpointRecorder.builder()
            .service("checkout-it")
            .mode(RecordingMode.OFF)
            .exporter(exported)
            .build();

    runInScenario();

    assertThat(received).containsExactly("-", "-");
  }

  private static void runInScenario() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Checkout.class))
        .configurationParameters(
            Map.of(
                ScenarioRun.RUN_ID_PROPERTY,
                "run-1",
                ScenarioRun.TRACEPARENT_PROPERTY,
                "00-" + TRACE + "-" + PARENT + "-01"))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));
  }
}
