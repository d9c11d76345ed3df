package dev.checkpoint.junit.examples;

import static dev.checkpoint.junit.CheckpointAssertions.assertMatchesRecorded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.checkpoint.instrumentation.httpclient.JavaHttpClientCheckpoints;
import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import dev.checkpoint.junit.CheckpointReplay;
import dev.checkpoint.junit.CheckpointSource;
import dev.checkpoint.junit.Equalizer;
import dev.checkpoint.junit.EqualizerResult;
import dev.checkpoint.junit.RecordedCall;
import dev.checkpoint.junit.Replay;
import dev.checkpoint.junit.examples.PriceQuoter.Quote;
import dev.checkpoint.junit.examples.PriceQuoter.QuoteRequest;
import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.opentest4j.AssertionFailedError;

/**
 * The full loop on {@link PriceQuoter}: {@code quotesTwoOrders} recorded the committed asset {@code
 * checkpoints/price-quoter/quote.json} once against the live services (delete it, or run with
 * {@code -Dcheckpoint.update=true}, to record it again) and replays it since; {@code
 * quotesAsRecorded} is the three-line test of every recorded quote, its tax service and database
 * answered from the recording; {@code equalizesEveryRecordedQuote} is the same as one {@link
 * Equalizer} test, and {@code equalizerReportsAChangedTotal} what it reports of a changed quoter.
 */
@CheckpointReplay(scenario = "price-quoter", step = "quote")
class PriceQuoterTest {

  private static LiveServices live;

  /** The component wired to the replay, or to the live services while recording. */
  static PriceQuoter quoter(Replay replay, long handlingCents, String taxRegion) {
    HttpClient http = JavaHttpClientCheckpoints.wrap(HttpClient.newHttpClient(), replay.recorder());
    if (replay.isRecording()) {
      live = live == null ? LiveServices.start() : live;
      return new PriceQuoter(
          http,
          live.taxes(),
          CheckpointDataSource.wrap(live.prices(), replay.recorder()),
          handlingCents,
          taxRegion);
    }
    return new PriceQuoter(http, replay.baseUri(), replay.dataSource(), handlingCents, taxRegion);
  }

  @AfterAll
  static void stopLiveServices() throws Exception {
    if (live != null) {
      live.close();
      live = null;
    }
  }

  @Test
  void quotesTwoOrders(Replay replay) throws Exception {
    PriceQuoter quoter = quoter(replay, 0, null);

    assertEquals(new Quote("A-1", 2, 500, 95, 595), quoter.quote(new QuoteRequest("A-1", 2, "EU")));
    assertEquals(
        new Quote("B-2", 1, 1999, 379, 2378), quoter.quote(new QuoteRequest("B-2", 1, "EU")));
  }

  @ParameterizedTest
  @CheckpointSource(name = "PriceQuoter.quote")
  void quotesAsRecorded(QuoteRequest request, RecordedCall recorded, Replay replay)
      throws Exception {
    assertMatchesRecorded(quoter(replay, 0, null).quote(request), recorded);
  }

  @Test
  void equalizesEveryRecordedQuote(Replay replay) {
    PriceQuoter quoter = quoter(replay, 0, null);

    Equalizer.load("PriceQuoter.quote")
        .run(call -> quoter.quote(call.input(QuoteRequest.class)))
        .assertAllEqual();
  }

  @Test
  void equalizerReportsAChangedTotal(Replay replay) {
    PriceQuoter quoter = quoter(replay, 25, null);

    EqualizerResult result =
        Equalizer.load("PriceQuoter.quote")
            .run(call -> quoter.quote(call.input(QuoteRequest.class)));

    AssertionFailedError failure = assertThrows(AssertionFailedError.class, result::assertAllEqual);
    assertEquals(
        """
        2 recorded calls of PriceQuoter.quote: 0 equal, 2 different, 0 errors
        price-quoter/quote.json #1 (test/METHOD/PriceQuoterTest.quotesTwoOrders#0 > \
        test/METHOD/PriceQuoter.quote#0) different:
        1 difference
        ~ /totalCents: 595 -> 620
        price-quoter/quote.json #2 (test/METHOD/PriceQuoterTest.quotesTwoOrders#0 > \
        test/METHOD/PriceQuoter.quote#1) different:
        1 difference
        ~ /totalCents: 2378 -> 2403""",
        failure.getMessage());
  }
}
