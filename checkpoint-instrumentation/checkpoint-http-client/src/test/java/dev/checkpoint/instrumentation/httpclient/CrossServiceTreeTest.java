package dev.checkpoint.instrumentation.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.W3cPropagation;
import dev.checkpoint.instrumentation.servlet.CheckpointFilter;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two services in one JVM: the client's call and the server's request form one tree. */
class CrossServiceTreeTest {

  private final InMemoryExporter ordersExport = InMemoryExporter.create();
  private final InMemoryExporter paymentsExport = InMemoryExporter.create();
  private final CheckpointRecorder orders = recorder("orders", ordersExport);
  private final CheckpointRecorder payments = recorder("payments", paymentsExport);
  private Server server;
  private URI paymentsUri;

  @BeforeEach
  void startPayments() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(
        new FilterHolder(CheckpointFilter.create(payments)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new PaymentsServlet(payments)), "/payments");
    server.setHandler(context);
    server.start();
    paymentsUri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/payments");
  }

  @AfterEach
  void stopPayments() throws Exception {
    server.stop();
  }

  @Test
  void onDemandRunCrossesFromClientToServerAndIntoTheServersOwnCheckpoints() throws Exception {
    orders.control().set(RecordingMode.ON_DEMAND, null);
    payments.control().set(RecordingMode.ON_DEMAND, null);
    HttpClient client =
        JavaHttpClientCheckpoints.wrap(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build(),
            orders);

    String answer;
    try (Scope run =
            W3cPropagation.extract(null, "checkpoint.run=nightly-1").orElseThrow().makeCurrent();
        ActiveCheckpoint place = orders.start(Kind.METHOD, "OrderService.place", null)) {
      answer =
          client
              .send(
                  HttpRequest.newBuilder(paymentsUri)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":12.5}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    }

    assertThat(answer).isEqualTo("{\"status\":\"ACCEPTED\"}");
    List<CheckpointData> ordersTree = ordersExport.checkpoints();
    List<CheckpointData> paymentsTree = ExportedCheckpoints.await(paymentsExport, 2);
    CheckpointData call = ordersTree.get(0);
    CheckpointData place = ordersTree.get(1);
    CheckpointData request = paymentsTree.get(1);
    CheckpointData fraud = paymentsTree.get(0);
    assertThat(call.kind()).isEqualTo(Kind.HTTP_CLIENT);
    assertThat(call.parentId()).isEqualTo(place.id());
    assertThat(request.kind()).isEqualTo(Kind.HTTP_SERVER);
    assertThat(request.service()).isEqualTo("payments");
    assertThat(request.parentId()).isEqualTo(call.id());
    assertThat(fraud.parentId()).isEqualTo(request.id());
    assertThat(List.of(place, call, request, fraud))
        .allSatisfy(
            checkpoint -> {
              assertThat(checkpoint.traceId()).isEqualTo(place.traceId());
              assertThat(checkpoint.runId()).isEqualTo("nightly-1");
            });
  }

  private static CheckpointRecorder recorder(String service, InMemoryExporter exporter) {
    return CheckpointRecorder.builder().service(service).exporter(exporter).build();
  }

  /** Scores the payment in a checkpoint of its own, then accepts it. */
  private static final class PaymentsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient CheckpointRecorder recorder;

    PaymentsServlet(CheckpointRecorder recorder) {
      this.recorder = recorder;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      request.getInputStream().readAllBytes();
      try (ActiveCheckpoint fraud = recorder.start(Kind.METHOD, "FraudCheck.score", null)) {
        fraud.setOutput(0.1);
      }
      response.setContentType("application/json");
      response
          .getOutputStream()
          .write("{\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8));
    }
  }
}
