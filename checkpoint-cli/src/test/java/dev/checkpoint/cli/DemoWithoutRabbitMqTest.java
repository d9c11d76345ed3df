package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoint demo} on a machine with only a JDK: nothing answers at its RabbitMQ address (a
 * closed port), so an embedded broker carries the paid order; and with the demo's ports taken.
 */
class DemoWithoutRabbitMqTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int[] DEMO_PORTS = {17081, 17082, 17083};

  @TempDir Path dir;

  @Test
  void anEmbeddedBrokerCarriesThePaidOrderAndTheTreesMatchTheCommittedAssets() throws Exception {
    int closed = closedPort();
    DemoRun demo = DemoRun.onACopyOfTheCommittedAssets(dir);

    DemoRun.Result result =
        demo.keptRunning(
            DemoWithoutRabbitMqTest::placeOrderTreeHasThePublishAndItsConsume,
            "--rabbitmq",
            "amqp://guest:guest@127.0.0.1:" + closed);

    assertThat(result.code()).as(result.all()).isZero();
    assertThat(result.out())
        .containsPattern(
            "  broker rabbitmq: embedded AMQP broker \\(Qpid Broker-J\\) at"
                + " amqp://127\\.0\\.0\\.1:\\d+, since nothing answers at amqp://127\\.0\\.0\\.1:"
                + closed
                + "\n")
        .contains("unchanged shop/place-order", "Demo: no drift.")
        .doesNotContain("qpid", "BRK-", "*** ");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void takesFreePortsWhenTheDemosPortsAreInUse() throws Exception {
    List<ServerSocket> taken = new ArrayList<>();
    try {
      for (int port : DEMO_PORTS) {
        // Another demo may hold the port for a moment; this test holds it for the whole run.
        taken.add(await().atMost(Duration.ofSeconds(60)).until(() -> listen(port), s -> s != null));
      }
      DemoRun.Result result =
          DemoRun.onACopyOfTheCommittedAssets(dir)
              .run("--rabbitmq", "amqp://guest:guest@127.0.0.1:" + closedPort());

      assertThat(result.code()).as(result.all()).isZero();
      assertThat(result.out())
          .containsPattern("  port 17083 of shipping is in use: shipping gets the free port \\d+")
          .containsPattern("  port 17082 of payments is in use: payments gets the free port \\d+")
          .containsPattern("  port 17081 of orders is in use: orders gets the free port \\d+")
          .containsPattern("POST http://127\\.0\\.0\\.1:\\d+/orders -> 201")
          .doesNotContain("http://127.0.0.1:1708")
          .contains("Demo: no drift.");
    } finally {
      for (ServerSocket socket : taken) {
        socket.close();
      }
    }
  }

  /**
   * The run's one AMQP publish is the paid order's, and shipping consumed it in the same tree (the
   * Kafka event shipping then publishes is another broker's).
   */
  private static void placeOrderTreeHasThePublishAndItsConsume(String out) throws Exception {
    Matcher api = Pattern.compile("API         (http://[^/]+)/api/v1/runs/(\\S+)").matcher(out);
    assertThat(api.find()).as(out).isTrue();
    String base = api.group(1);
    String runId = api.group(2);
    JsonNode publish = only(base, runId, "MESSAGE_PUBLISH", "PUBLISH shop");
    JsonNode consume = only(base, runId, "MESSAGE_CONSUME", "CONSUME shipping.order-paid");
    assertThat(publish.path("service").asText()).isEqualTo("payments");
    assertThat(consume.path("service").asText()).isEqualTo("shipping");
    assertThat(consume.path("traceId")).isEqualTo(publish.path("traceId"));
    assertThat(consume.path("parentId")).isEqualTo(publish.path("id"));
    String outline =
        get(base + "/api/v1/traces/" + publish.path("traceId").asText() + "/outline").toString();
    assertThat(outline)
        .as("the place-order tree")
        .contains("\"name\":\"POST /orders\"", "\"name\":\"INSERT payments\"")
        .contains("\"name\":\"INSERT shipments\"", "\"name\":\"UPDATE orders\"");
  }

  private static JsonNode only(String base, String runId, String kind, String name)
      throws Exception {
    List<JsonNode> named = new ArrayList<>();
    get(base + "/api/v1/checkpoints?runId=" + runId + "&kind=" + kind)
        .path("items")
        .forEach(
            item -> {
              if (item.path("name").asText().equals(name)) {
                named.add(item);
              }
            });
    assertThat(named).as(kind + " " + name + " checkpoints of " + runId).hasSize(1);
    return named.get(0);
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static ServerSocket listen(int port) {
    try {
      return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      return null;
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
