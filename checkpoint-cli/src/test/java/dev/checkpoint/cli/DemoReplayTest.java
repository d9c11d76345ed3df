package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.cli.internal.run.ServerClient;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoint replay} on the demo shop: a run of the shop recorded by {@code checkpoint run},
 * then one service started from the demo's scenario in REPLAY mode with a change (the others not
 * running), and the change named where it first shows: payments adding a fee to the amount it
 * stores, and orders asking payments for a different amount, a call the recording does not answer.
 */
class DemoReplayTest {
  private static final String PAYMENTS = "payments/HTTP_SERVER/POST /payments#0";
  private static final String INSERT = PAYMENTS + " > payments/SQL/INSERT payments#0";
  private static final String ORDERS = "orders/HTTP_SERVER/POST /orders#0";
  private static final String ORDERS_CALL = ORDERS + " > orders/HTTP_CLIENT/POST /payments#0";

  @TempDir static Path dir;
  static CheckpointServer server;
  static ServerClient api;
  static DemoRun demo;
  static String recorded;

  @BeforeAll
  static void recordTheShop() throws Exception {
    server =
        CheckpointServer.start(
            ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dbUrl("jdbc:sqlite:" + dir.resolve("checkpoint.db"))
                .build());
    api = new ServerClient("http://127.0.0.1:" + server.port(), HttpClient.newHttpClient());
    demo = DemoRun.onACopyOfTheCommittedAssets(dir);
    CliRun run =
        CliRun.of(
            "run",
            demo.scenario("recorded", Map.of()).toString(),
            "--server",
            api.base(),
            "--assets",
            demo.assets().toString(),
            "--data-dir",
            dir.resolve("data").toString());
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    recorded = api.runs("shop", null).get(0).path("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aFeeInPaymentsIsFirstSeenInTheInsertItsHandlerBuilt() throws Exception {
    Path markdown = dir.resolve("fee.md");

    CliRun replay =
        replay(
            "payments",
            demo.scenario("fee", Map.of("DEMO_PAYMENTS_FEE_CENTS", "25")),
            "--entry",
            "POST /payments",
            "--limit",
            "1",
            "--report-markdown",
            markdown.toString());

    assertThat(replay.code()).as(replay.out() + replay.err()).isEqualTo(1);
    assertThat(replay.out())
        .containsPattern("different POST /payments  [0-9a-f]{32}:[0-9a-f]{16}\n")
        .contains(
            "    First divergence: input of "
                + INSERT
                + "\n        ~ /input/parameters/4: 9000 -> 9025\n",
            "    Cause: "
                + PAYMENTS
                + "\n        its input is unchanged, but a checkpoint it called received different"
                + " input\n")
        .contains(
            "1 entry requests of payments replayed from " + recorded + ": 0 equal, 1 different");
    // Payments' own input, the request orders sent, is what was recorded.
    assertThat(replay.out()).doesNotContain("~ changed  " + PAYMENTS + "\n        ~ /input");
    assertThat(Files.readString(markdown))
        .contains("**First divergence:** input of `" + INSERT + "`")
        .contains("| `/input/parameters/4` | `9000` | `9025` |")
        .contains("**Cause:** `" + PAYMENTS + "`: its input is unchanged");
    // The changed INSERT is answered by the recorded one (what a write returns does not depend on
    // its values), so payments goes on as recorded: its response and every other output as they
    // were, the changed values reported where they were written.
    assertThat(replay.out()).doesNotContain("~ /output");
    assertThat(unmatchedCalls(replayRun(replay), "payments", "SQL")).isEmpty();
  }

  @Test
  void anOrdersBuildAskingForAnotherAmountMakesACallTheRecordingDoesNotAnswer() throws Exception {
    CliRun replay =
        replay(
            "orders",
            demo.scenario("surcharge", Map.of("DEMO_ORDERS_CARD_SURCHARGE_CENTS", "25")),
            "--entry",
            "POST /orders");

    assertThat(replay.code()).as(replay.out() + replay.err()).isEqualTo(1);
    assertThat(replay.out())
        .contains(
            "    First divergence: input of "
                + ORDERS_CALL
                + "\n        ~ /input/body/amountCents: 9000 -> 9025\n    Cause: "
                + ORDERS
                + "\n        its input is unchanged, but a checkpoint it called received different"
                + " input\n",
            "    First divergence: input of "
                + ORDERS_CALL
                + "\n        ~ /input/body/amountCents: 4500 -> 4525\n")
        // The unknown product never reaches payments: that entry is as recorded.
        .containsPattern("equal +POST /orders  [0-9a-f]{32}:[0-9a-f]{16}\n")
        .contains("  POST /orders: 3 replayed, 1 equal, 2 different, 0 errors");
    List<String> unmatched =
        unmatchedCalls(replayRun(replay), "orders", "HTTP_CLIENT").stream()
            .map(
                call -> call.at("/error/type").asText() + ": " + call.at("/error/message").asText())
            .toList();
    assertThat(unmatched)
        .hasSize(2)
        .allSatisfy(
            error ->
                assertThat(error)
                    .startsWith(
                        "dev.checkpoint.core.replay.ReplayMismatchException: Unexpected HTTP call"
                            + " POST /payments {\"orderId\":\"<uuid>\",\"amountCents\":")
                    .contains("Closest recorded calls:\n- " + ORDERS_CALL + "\n")
                    .endsWith(
                        "If the call is intended, record the entry again; to let unmatched calls"
                            + " reach the real dependency, set CHECKPOINT_REPLAY_MISSING=CALL_REAL."))
        .anySatisfy(
            error -> assertThat(error).contains("\n    ~ /body/amountCents: 9000 -> 9025\n"))
        .anySatisfy(
            error -> assertThat(error).contains("\n    ~ /body/amountCents: 4500 -> 4525\n"));
  }

  @Test
  void aDeclinedCardReplaysAsApprovedAndTheReportSaysItsNumberWasRedacted() throws Exception {
    CliRun replay =
        replay("payments", demo.scenario("unchanged", Map.of()), "--entry", "POST /payments");

    // The card number is redacted in the recording, so payments is sent [REDACTED]: the fraud
    // check no longer sees the declined test card, and the last four digits stored are "TED]".
    assertThat(replay.code()).as(replay.out() + replay.err()).isEqualTo(1);
    assertThat(replay.out())
        .contains(
            "~ changed  "
                + PAYMENTS
                + " > payments/METHOD/FraudCheck.assess#0\n"
                + "        ~ /output/approved: false -> true\n",
            "~ /input/parameters/5: \"1111\" -> \"TED]\"\n")
        .contains("  POST /payments: 2 replayed, 0 equal, 2 different, 0 errors");
    assertThat(
            Pattern.compile(
                    "\n    Redacted when recorded: input\\.body\\.cardNumber of this entry's"
                        + " request, replayed as \\[REDACTED\\]")
                .matcher(replay.out())
                .results())
        .hasSize(2);
  }

  private static CliRun replay(String service, Path scenario, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "replay",
                "--server",
                api.base(),
                "--run",
                recorded,
                "--service",
                service,
                "--scenario",
                scenario.toString(),
                "--data-dir",
                dir.resolve("data").toString(),
                "--quiet-period",
                "300ms"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static String replayRun(CliRun replay) {
    Matcher link = Pattern.compile("Replay run: .*/ui/runs/(\\S+)").matcher(replay.out());
    assertThat(link.find()).as(replay.out()).isTrue();
    return link.group(1);
  }

  /** The checkpoints of a kind the service recorded in the run with an error, in full. */
  private static List<JsonNode> unmatchedCalls(String runId, String service, String kind) {
    List<JsonNode> calls = new ArrayList<>();
    for (JsonNode found :
        api.search(Map.of("runId", runId, "service", service, "kind", kind), 0).path("items")) {
      api.checkpoints(found.path("traceId").asText()).orElseThrow().stream()
          .filter(c -> c.path("id").equals(found.path("id")) && !c.path("error").isNull())
          .forEach(calls::add);
    }
    return calls;
  }
}
