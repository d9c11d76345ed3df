package dev.checkpoint.cli.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
  // Nothing listens on the discard port, so the link falls back to the run page at once.
  private final RunSummary summary = Summaries.withDriftNewUnchangedAndError("http://127.0.0.1:9");
  private final StringWriter log = new StringWriter();
  private final WebhookNotifier notifier = new WebhookNotifier(Duration.ofMillis(10));

  @Test
  void postsASlackCompatibleSummaryAndRetriesAFailedDelivery() throws IOException {
    List<String> bodies = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 200, -1);
          exchange.close();
        });
    hook.start();
    try {
      boolean delivered =
          notifier.notify(
              URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"),
              summary,
              new PrintWriter(log, true));

      assertThat(delivered).isTrue();
      assertThat(bodies).hasSize(2);
      assertThat(log.toString()).contains("failed (attempt 1 of 3): HTTP 503");
      JsonNode json = ServerClient.JSON.readTree(bodies.get(1));
      assertThat(json.path("status").asText()).isEqualTo("error");
      assertThat(json.path("text").asText())
          .contains("3 steps in 2 scenarios: 1 drifted")
          .contains(
              "• checkout / pay <by> card: first divergence output of"
                  + " `payments/METHOD/Pricing.price#0` (/output/rule: \"standard\" -> ")
          .contains(", caused by `payments/METHOD/Pricing.price#0`")
          .contains("<http://127.0.0.1:9/ui/runs/checkout-1|Compare in the web UI>")
          .contains("• refund failed: Service 'refunds'");
      JsonNode drifted = json.path("scenarios").get(0).path("drifted").get(0);
      assertThat(drifted.path("checkpoints").get(0).asText())
          .isEqualTo("payments/METHOD/Pricing.price#0");
      JsonNode first = drifted.path("firstDivergence");
      assertThat(first.path("key").asText()).isEqualTo("payments/METHOD/Pricing.price#0");
      assertThat(first.path("side").asText()).isEqualTo("output");
      assertThat(first.at("/changes/0/path").asText()).isEqualTo("/output/rule");
      assertThat(first.at("/changes/0/expected").asText()).isEqualTo("standard");
      assertThat(first.at("/changes/0/actual").asText()).isEqualTo(Summaries.NASTY);
      assertThat(first.at("/cause/key").asText()).isEqualTo("payments/METHOD/Pricing.price#0");
      assertThat(first.at("/cause/reason").asText()).isEqualTo("own_result");
      assertThat(first.path("others")).isEmpty();
    } finally {
      hook.stop(0);
    }
  }

  @Test
  void anUnreachableWebhookIsLoggedNotFatal() {
    boolean delivered =
        notifier.notify(URI.create("http://127.0.0.1:9/hook"), summary, new PrintWriter(log, true));

    assertThat(delivered).isFalse();
    assertThat(log.toString())
        .contains("attempt 1 of 3", "attempt 3 of 3")
        .contains("checkpoint: webhook 127.0.0.1 failed");
  }
}
