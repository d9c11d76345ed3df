package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A drifted {@code checkpoint run} of the demo shop, with payments adding a fee, names the first
 * divergence (the {@code INSERT payments} input) and its cause (the payments handler that built the
 * statement) first, in the terminal, the Markdown report and the webhook.
 */
class DemoDriftReportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HANDLER =
      "orders/HTTP_SERVER/POST /orders#0 > orders/HTTP_CLIENT/POST /payments#0 >"
          + " payments/HTTP_SERVER/POST /payments#0";
  private static final String INSERT = HANDLER + " > payments/SQL/INSERT payments#0";

  @TempDir Path dir;

  @Test
  void namesTheFeeAsTheFirstDivergenceInTheTerminalTheMarkdownAndTheWebhook() throws Exception {
    DemoRun demo = DemoRun.onACopyOfTheCommittedAssets(dir);
    Path scenario = demo.scenario("fee", Map.of("DEMO_PAYMENTS_FEE_CENTS", "25"));
    List<String> alerts = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/",
        exchange -> {
          alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    hook.start();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path markdown = dir.resolve("report.md");
    int code;
    try {
      CommandLine command = new CommandLine(new RunCommand(Map.of()));
      command.setOut(new PrintWriter(out, true));
      command.setErr(new PrintWriter(err, true));
      code =
          command.execute(
              scenario.toString(),
              "--assets",
              demo.assets().toString(),
              "--data-dir",
              dir.resolve("data").toString(),
              "--report-markdown",
              markdown.toString(),
              "--notify-webhook",
              "http://127.0.0.1:" + hook.getAddress().getPort() + "/");
    } finally {
      hook.stop(0);
    }

    assertThat(code).as(out + "" + err).isEqualTo(1);
    String terminal = out.toString();
    assertThat(terminal)
        .contains(
            "shop/place-order  "
                + demo.assets().resolve("shop/place-order.json")
                + "\n    First divergence: input of "
                + INSERT
                + "\n        ~ /input/parameters/4: 9000 -> 9025\n    Cause: "
                + HANDLER
                + "\n        its input is unchanged, but a checkpoint it called received different"
                + " input\n");
    assertThat(terminal.indexOf("First divergence")).isLessThan(terminal.indexOf("~ changed"));

    String md = Files.readString(markdown);
    assertThat(md)
        .contains("**First divergence:** input of `" + INSERT + "`")
        .contains("| `/input/parameters/4` | `9000` | `9025` |")
        .contains("**Cause:** `" + HANDLER + "`: its input is unchanged");
    assertThat(md.indexOf("**First divergence:**")).isLessThan(md.indexOf("- **changed**"));

    assertThat(alerts).hasSize(1);
    JsonNode alert = JSON.readTree(alerts.get(0));
    assertThat(alert.path("text").asText())
        .contains(
            "• shop / place-order: first divergence input of `"
                + INSERT
                + "` (/input/parameters/4: 9000 -> 9025), caused by `"
                + HANDLER
                + "`");
    JsonNode first = alert.at("/scenarios/0/drifted/0/firstDivergence");
    assertThat(first.path("key").asText()).isEqualTo(INSERT);
    assertThat(first.path("side").asText()).isEqualTo("input");
    assertThat(first.at("/changes/0/path").asText()).isEqualTo("/input/parameters/4");
    assertThat(first.at("/changes/0/expected").asInt()).isEqualTo(9000);
    assertThat(first.at("/changes/0/actual").asInt()).isEqualTo(9025);
    assertThat(first.at("/cause/key").asText()).isEqualTo(HANDLER);
  }
}
