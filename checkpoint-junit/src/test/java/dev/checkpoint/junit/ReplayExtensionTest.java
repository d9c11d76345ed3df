package dev.checkpoint.junit;

import static dev.checkpoint.junit.CheckpointAssertions.assertMatchesRecorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.checkpoint.instrumentation.httpclient.JavaHttpClientCheckpoints;
import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import dev.checkpoint.junit.examples.LiveServices;
import dev.checkpoint.junit.examples.PriceQuoter;
import dev.checkpoint.junit.examples.PriceQuoter.Quote;
import dev.checkpoint.junit.examples.PriceQuoter.QuoteRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

class ReplayExtensionTest {

  static LiveServices live;

  private static final String QUOTE =
      "test/METHOD/PriceQuoterTest.quotesTwoOrders#0 > test/METHOD/PriceQuoter.quote#";

  @BeforeAll
  static void startLiveServices() {
    live = LiveServices.start();
  }

  @AfterAll
  static void stopLiveServices() throws Exception {
    live.close();
  }

  static PriceQuoter quoter(Replay replay, long handlingCents, String taxRegion) {
    HttpClient http = JavaHttpClientCheckpoints.wrap(HttpClient.newHttpClient(), replay.recorder());
    return new PriceQuoter(
        http,
        replay.baseUri(live.taxes()),
        CheckpointDataSource.wrap(replay.dataSource(live.prices()), replay.recorder()),
        handlingCents,
        taxRegion);
  }

  // ---- examples run through the testkit, against the committed asset price-quoter/quote.json

  @CheckpointReplay(scenario = "price-quoter", step = "quote")
  static class AsRecorded {
    @Test
    void quotesTwoOrders(Replay replay) throws Exception {
      PriceQuoter quoter = quoter(replay, 0, null);
      assertEquals(595, quoter.quote(new QuoteRequest("A-1", 2, "EU")).totalCents());
      assertEquals(2378, quoter.quote(new QuoteRequest("B-2", 1, "EU")).totalCents());
    }
  }

  @CheckpointReplay
  static class ChangedOutput {
    @ParameterizedTest
    @CheckpointSource(name = "PriceQuoter.quote")
    void quotesAsRecorded(QuoteRequest request, RecordedCall recorded, Replay replay)
        throws Exception {
      assertMatchesRecorded(quoter(replay, 50, null).quote(request), recorded);
    }
  }

  @CheckpointReplay(scenario = "price-quoter", step = "quote")
  static class ChangedHttpCall {
    @Test
    void quotesTwoOrders(Replay replay) throws Exception {
      PriceQuoter quoter = quoter(replay, 0, "US");
      quoter.quote(new QuoteRequest("A-1", 2, "EU"));
    }
  }

  @CheckpointReplay(scenario = "price-quoter", step = "quote")
  static class ChangedSql {
    @Test
    void quotesTwoOrders(Replay replay) throws Exception {
      try (Connection connection = replay.dataSource().getConnection();
          PreparedStatement statement =
              connection.prepareStatement("select unit_cents from prices where sku = ?")) {
        statement.setString(1, "X-9");
        statement.executeQuery();
      }
    }
  }

  @CheckpointReplay(scenario = "price-quoter", step = "quote")
  static class FewerCalls {
    @Test
    void quotesOneOrder(Replay replay) throws Exception {
      assertEquals(
          595, quoter(replay, 0, null).quote(new QuoteRequest("A-1", 2, "EU")).totalCents());
    }
  }

  @CheckpointReplay(scenario = "price-quoter", step = "quote", strict = false)
  static class FewerCallsLenient {
    @Test
    void quotesOneOrder(Replay replay) throws Exception {
      assertEquals(
          595, quoter(replay, 0, null).quote(new QuoteRequest("A-1", 2, "EU")).totalCents());
    }
  }

  @CheckpointReplay(scenario = "price-quoter", step = "quote")
  static class RepeatedCall {
    @Test
    void quotesTheFirstOrderTwice(Replay replay) throws Exception {
      PriceQuoter quoter = quoter(replay, 0, null);
      quoter.quote(new QuoteRequest("A-1", 2, "EU"));
      quoter.quote(new QuoteRequest("A-1", 2, "EU"));
    }
  }

  /** Plain HTTP through the stub: what an unmatched request gets back. */
  @CheckpointReplay(scenario = "price-quoter", step = "quote", strict = false)
  static class RawHttp {
    static HttpResponse<String> response;

    @Test
    void getsSomethingUnrecorded(Replay replay) throws Exception {
      response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(replay.baseUri().resolve("/nothing")).build(),
                  HttpResponse.BodyHandlers.ofString());
    }
  }

  // ---- recording, update mode and CI, in a temporary assets directory

  @CheckpointReplay(scenario = "temp-quoter", step = "quote")
  static class Recording {
    static boolean recorded;
    static Quote quote;

    @Test
    void quotes(Replay replay) throws Exception {
      recorded = replay.isRecording();
      quote = quoter(replay, 0, null).quote(new QuoteRequest("A-1", 2, "EU"));
    }
  }

  @CheckpointReplay(scenario = "missing", step = "quote", mode = RecordMode.NONE)
  static class MissingAsset {
    @Test
    void quotes(Replay replay) {}
  }

  @CheckpointReplay(scenario = "missing", step = "quote")
  static class MissingAssetOnCi {
    @Test
    void quotes(Replay replay) {}
  }

  private static EngineExecutionResults run(Class<?> examples, Map<String, String> parameters) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(examples))
        .configurationParameter("checkpoint.ci", "false")
        .configurationParameter("checkpoint.update", "false")
        .configurationParameters(parameters)
        .execute();
  }

  private static EngineExecutionResults run(Class<?> examples) {
    return run(examples, Map.of());
  }

  private static Throwable failure(Event event) {
    return event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
  }

  /* Without the port of the live tax service, which changes whenever the asset is recorded. */
  private static List<String> failureMessages(Events events) {
    return events.failed().stream().map(event -> failure(event).getMessage()).toList();
  }

  private static List<String> reports(EngineExecutionResults results) {
    return results.allEvents().reportingEntryPublished().stream()
        .map(
            event ->
                event
                    .getPayload(ReportEntry.class)
                    .orElseThrow()
                    .getKeyValuePairs()
                    .get("checkpoint.asset"))
        .toList();
  }

  @Test
  void replaysTheRecordedHttpAndSqlCalls() {
    run(AsRecorded.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void showsTheDiffWhenTheComponentsOutputChanged() {
    EngineExecutionResults results = run(ChangedOutput.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
    assertThat(failureMessages(results.testEvents()))
        .containsExactly(
            """
            Output of PriceQuoter.quote does not match the recording price-quoter/quote.json #1 \
            (%s0):
            1 difference
            ~ /totalCents: 595 -> 645"""
                .formatted(QUOTE),
            """
            Output of PriceQuoter.quote does not match the recording price-quoter/quote.json #2 \
            (%s1):
            1 difference
            ~ /totalCents: 2378 -> 2428"""
                .formatted(QUOTE));
    AssertionFailedError error =
        (AssertionFailedError)
            failure(results.testEvents().failed().stream().findFirst().orElseThrow());
    assertThat(error.getExpected().getStringRepresentation()).contains("\"totalCents\" : 595");
    assertThat(error.getActual().getStringRepresentation()).contains("\"totalCents\" : 645");
  }

  @Test
  void failsAnUnmatchedHttpCallNamingTheClosestRecordedCalls() {
    EngineExecutionResults results = run(ChangedHttpCall.class);

    assertThat(failureMessages(results.testEvents()))
        .containsExactly(
            """
            Unexpected HTTP call POST /taxes?region=US {"amountCents":500}: no recorded call in \
            price-quoter/quote.json matches it.
            Closest recorded calls:
            - %1$s0 > test/HTTP_CLIENT/POST /taxes#0
                ~ /query: "region=EU" -> "region=US"
            - %1$s1 > test/HTTP_CLIENT/POST /taxes#0
                ~ /body/amountCents: 1999 -> 500
                ~ /query: "region=EU" -> "region=US"
            Fix the component if the call is wrong; if it is intended, record the asset again \
            (-Dcheckpoint.update=true)."""
                .formatted(QUOTE));
    // The component saw the stub's 599 and threw; its failure is kept, suppressed.
    assertThat(
            failure(results.testEvents().failed().stream().findFirst().orElseThrow())
                .getSuppressed())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .hasMessageStartingWith("The tax service answered 599: Unexpected HTTP call"));
  }

  @Test
  void failsAnUnmatchedSqlStatement() {
    assertThat(failureMessages(run(ChangedSql.class).testEvents()))
        .containsExactly(
            """
            Unexpected SQL call select unit_cents from prices where sku=? {"1":"X-9"}: no recorded \
            call in price-quoter/quote.json matches it.
            Closest recorded calls:
            - %1$s0 > test/SQL/SELECT prices#0
                ~ /parameters/1: "A-1" -> "X-9"
            - %1$s1 > test/SQL/SELECT prices#0
                ~ /parameters/1: "B-2" -> "X-9"
            Fix the component if the call is wrong; if it is intended, record the asset again \
            (-Dcheckpoint.update=true)."""
                .formatted(QUOTE));
  }

  @Test
  void failsInStrictModeWhenRecordedCallsWereNotMade() {
    assertThat(failureMessages(run(FewerCalls.class).testEvents()))
        .containsExactly(
            """
            2 recorded calls in price-quoter/quote.json were never made (strict replay):
            - %1$s1 > test/SQL/SELECT prices#0: select unit_cents from prices where sku=? \
            {"1":"B-2"}
            - %1$s1 > test/HTTP_CLIENT/POST /taxes#0: POST /taxes?region=EU \
            {"amountCents":1999}
            If the component no longer makes them, record the asset again \
            (-Dcheckpoint.update=true); to allow unused calls, set \
            @CheckpointReplay(strict = false)."""
                .formatted(QUOTE));
  }

  @Test
  void allowsUnusedRecordedCallsWhenNotStrict() {
    run(FewerCallsLenient.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
  }

  @Test
  void answersEachRecordedCallOnce() {
    assertThat(failureMessages(run(RepeatedCall.class).testEvents()))
        .containsExactly(
            """
            Unexpected SQL call select unit_cents from prices where sku=? {"1":"A-1"}: no recorded \
            call in price-quoter/quote.json matches it.
            Closest recorded calls:
            - %1$s0 > test/SQL/SELECT prices#0
                the same call, already answered: the component makes it more often than recorded
            - %1$s1 > test/SQL/SELECT prices#0
                ~ /parameters/1: "B-2" -> "A-1"
            Fix the component if the call is wrong; if it is intended, record the asset again \
            (-Dcheckpoint.update=true)."""
                .formatted(QUOTE));
  }

  @Test
  void theStubAnswersAnUnmatchedRequestWith599AndTheExplanation() {
    EngineExecutionResults results = run(RawHttp.class);

    assertThat(RawHttp.response.statusCode()).isEqualTo(599);
    assertThat(RawHttp.response.headers().firstValue("content-type"))
        .hasValue("text/plain; charset=utf-8");
    assertThat(RawHttp.response.body())
        .startsWith(
            """
            Unexpected HTTP call GET /nothing: no recorded call in price-quoter/quote.json \
            matches it.
            Closest recorded calls:
            """)
        .contains(
            """
                ~ /body: {"amountCents":500} -> null
                ~ /method: "POST" -> "GET"
                ~ /path: "/taxes" -> "/nothing"
                ~ /query: "region=EU" -> null
            """);
    // The test itself passed; the unmatched call fails it.
    assertThat(failureMessages(results.testEvents())).containsExactly(RawHttp.response.body());
  }

  @Test
  void recordsOnceThenReplaysThenUpdatesWithADiff(@TempDir Path assets) throws Exception {
    Map<String, String> dir = Map.of("checkpoint.assets.dir", assets.toString());
    Path file = assets.resolve("temp-quoter/quote.json");

    EngineExecutionResults first = run(Recording.class, dir);
    assertThat(failureMessages(first.testEvents())).isEmpty();
    assertThat(Recording.recorded).isTrue();
    assertThat(Recording.quote.totalCents()).isEqualTo(595);
    assertThat(reports(first))
        .containsExactly("Recorded temp-quoter/quote.json: 4 checkpoints written to " + file);
    String recorded = Files.readString(file);

    EngineExecutionResults second = run(Recording.class, dir);
    assertThat(failureMessages(second.testEvents())).isEmpty();
    assertThat(Recording.recorded).isFalse();
    assertThat(Recording.quote.totalCents()).isEqualTo(595);
    assertThat(reports(second)).isEmpty();

    Map<String, String> update =
        Map.of("checkpoint.assets.dir", assets.toString(), "checkpoint.update", "true");
    EngineExecutionResults again = run(Recording.class, update);
    assertThat(failureMessages(again.testEvents())).isEmpty();
    assertThat(Recording.recorded).isTrue();
    assertThat(reports(again))
        .as("a new recording whose noise (trace context, ids) differs leaves the asset alone")
        .containsExactly(
            "Updated temp-quoter/quote.json ("
                + file
                + "): no changes, the file is left as it was.");
    assertThat(Files.readString(file)).isEqualTo(recorded);

    live.rateBasisPoints(2000);
    try {
      EngineExecutionResults changed = run(Recording.class, update);
      assertThat(failureMessages(changed.testEvents())).isEmpty();
      assertThat(Recording.recorded).isTrue();
      assertThat(Recording.quote.totalCents()).isEqualTo(600);
      assertThat(reports(changed))
          .containsExactly(
              """
              Updated temp-quoter/quote.json (%s):
              First divergence: output of test/METHOD/Recording.quotes#0 > \
              test/METHOD/PriceQuoter.quote#0 > test/HTTP_CLIENT/POST /taxes#0
                  ~ /output/body/rateBasisPoints: 1900 -> 2000
                  ~ /output/body/taxCents: 95 -> 100
                  ~ /output/headers/content-length: "92" -> "93"
              Cause: test/METHOD/Recording.quotes#0 > test/METHOD/PriceQuoter.quote#0 > \
              test/HTTP_CLIENT/POST /taxes#0
                  its input and its calls are unchanged, but its own result changed
              1 later divergence below.
              2 differences: 2 changed
              ~ changed  test/METHOD/Recording.quotes#0 > test/METHOD/PriceQuoter.quote#0
                  ~ /output/taxCents: 95 -> 100
                  ~ /output/totalCents: 595 -> 600
              ~ changed  test/METHOD/Recording.quotes#0 > test/METHOD/PriceQuoter.quote#0 > \
              test/HTTP_CLIENT/POST /taxes#0
                  ~ /output/body/rateBasisPoints: 1900 -> 2000
                  ~ /output/body/taxCents: 95 -> 100
                  ~ /output/headers/content-length: "92" -> "93\""""
                  .formatted(file));
    } finally {
      live.rateBasisPoints(1900);
    }
    assertThat(Files.readString(file)).isNotEqualTo(recorded).contains("\"rateBasisPoints\": 2000");
  }

  @Test
  void refusesToUpdateAssetsOnCi(@TempDir Path assets) {
    EngineExecutionResults results =
        run(
            Recording.class,
            Map.of(
                "checkpoint.assets.dir", assets.toString(),
                "checkpoint.ci", "true",
                "checkpoint.update", "true"));

    assertThat(failureMessages(results.testEvents()))
        .containsExactly(
            "Refusing to write the asset temp-quoter/quote.json: checkpoint.update=true asks to"
                + " record and rewrite assets, but CI=true, and CI builds never write assets: what"
                + " they would write is lost with the build, and drift would go unreviewed. Run"
                + " update mode locally and commit the rewritten assets, or drop the setting from"
                + " the CI build.");
    assertThat(assets).isEmptyDirectory();
  }

  @Test
  void refusesToRecordAMissingAssetOnCi(@TempDir Path assets) {
    EngineExecutionResults results =
        run(
            MissingAssetOnCi.class,
            Map.of("checkpoint.assets.dir", assets.toString(), "checkpoint.ci", "true"));

    assertThat(failureMessages(results.testEvents()))
        .containsExactly(
            "Cannot record the missing asset missing/quote.json: CI=true, and CI builds never write"
                + " assets (record mode NONE), because what they would write is lost with the"
                + " build and was never reviewed. Record it locally by running this test without"
                + " CI=true, and commit "
                + assets.resolve("missing/quote.json")
                + ".");
    assertThat(assets).isEmptyDirectory();
  }

  @Test
  void failsOnAMissingAssetInModeNone(@TempDir Path assets) {
    assertThat(
            failureMessages(
                run(MissingAsset.class, Map.of("checkpoint.assets.dir", assets.toString()))
                    .testEvents()))
        .containsExactly(
            "The asset missing/quote.json is missing (looked at "
                + assets.resolve("missing/quote.json")
                + " and for checkpoints/missing/quote.json on the class path), and the record mode"
                + " is NONE. Record it with mode ONCE or -Dcheckpoint.update=true, and commit it.");
  }
}
