package dev.checkpoint.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.CheckpointKey;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.junit.CheckpointSourceTest.PaymentRequest;
import dev.checkpoint.junit.CheckpointSourceTest.PaymentService;
import dev.checkpoint.junit.Equalizer.Comparison;
import dev.checkpoint.junit.Equalizer.ResultComparator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The Equalizer on the recorded calls of {@code checkpoints/payments/authorize.json}. */
class EqualizerTest {

  private static final String FIRST =
      "payments/authorize.json #1 (payments/HTTP_SERVER/POST /payments#0 >"
          + " payments/METHOD/PaymentService.authorize#0)";
  private static final String SECOND =
      "payments/authorize.json #2 (payments/HTTP_SERVER/POST /payments#1 >"
          + " payments/METHOD/PaymentService.authorize#0)";

  private static Equalizer.Player authorizeUpTo(long limitCents) {
    return call ->
        new PaymentService(limitCents).authorize(call.argument("request", PaymentRequest.class));
  }

  @Test
  void everyCallEqualDespiteNewIds() {
    EqualizerResult result = Equalizer.load("PaymentService.authorize").run(authorizeUpTo(10_000));

    assertThat(result.total()).isEqualTo(2);
    assertThat(result.equal()).isEqualTo(2);
    assertThat(result.differences()).isEmpty();
    assertThat(result)
        .hasToString(
            "2 recorded calls of PaymentService.authorize: 2 equal, 0 different, 0 errors");
    assertThatCode(result::assertAllEqual).doesNotThrowAnyException();
  }

  @Test
  void countsADifferentCallAndACallThatThrowsWithoutStopping() {
    IllegalStateException down = new IllegalStateException("card network down for order-2");
    EqualizerResult result =
        Equalizer.load("PaymentService.authorize")
            .run(
                call -> {
                  PaymentRequest request = call.argument("request", PaymentRequest.class);
                  if (request.orderId().equals("order-2")) {
                    throw down;
                  }
                  return new PaymentService(1_000).authorize(request);
                });

    assertThat(List.of(result.total(), result.equal(), result.different(), result.errors()))
        .containsExactly(2, 0, 1, 1);
    assertThat(result.differences().get(0).error()).isEmpty();
    assertThat(result.differences().get(1).error()).containsSame(down);
    assertThatThrownBy(result::assertAllEqual)
        .isInstanceOf(AssertionFailedError.class)
        .hasCause(down)
        .hasMessage(
            "2 recorded calls of PaymentService.authorize: 0 equal, 1 different, 1 error\n"
                + FIRST
                + " different:\n"
                + "1 difference\n"
                + "~ /status: \"AUTHORIZED\" -> \"DECLINED\"\n"
                + SECOND
                + " error:\n"
                + "threw java.lang.IllegalStateException: card network down for order-2");
  }

  @Test
  void extractsAndComparesWithAPluggableComparator() {
    EqualizerResult result =
        Equalizer.load("PaymentService.authorize")
            .extract("/status")
            .compare(
                (recorded, replayed) ->
                    recorded.equals(replayed)
                        ? Comparison.equal()
                        : Comparison.different(
                            "status " + recorded.asText() + " became " + replayed.asText()))
            .run(authorizeUpTo(1_000));

    assertThat(result.differences())
        .singleElement()
        .satisfies(
            difference -> {
              assertThat(difference.call()).hasToString("payments/authorize.json #1");
              assertThat(difference.message()).isEqualTo("status AUTHORIZED became DECLINED");
            });
  }

  @Test
  void structuralComparatorTakesNoiseRules() {
    EqualizerResult result =
        Equalizer.load("PaymentService.authorize")
            .compare(
                ResultComparator.structural(StructuralDiff.builder().ignorePath("/status").build()))
            .run(authorizeUpTo(1_000));

    assertThat(result.allEqual()).isTrue();
  }

  @Test
  void listsOnlyTheFirstDifferences() {
    EqualizerResult result =
        Equalizer.load("PaymentService.authorize")
            .run(
                call -> {
                  throw new IllegalStateException("no payments today");
                });

    assertThatThrownBy(() -> result.assertAllEqual(1))
        .hasMessage(
            "2 recorded calls of PaymentService.authorize: 0 equal, 0 different, 2 errors\n"
                + FIRST
                + " error:\n"
                + "threw java.lang.IllegalStateException: no payments today\n"
                + "... and 1 more");
  }

  @Test
  void anUnknownNameSaysWhatWasFound() {
    assertThatThrownBy(() -> Equalizer.load("PaymentService.refund"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "No recorded call named 'PaymentService.refund' for an Equalizer: found 3 assets under"
                + " checkpoints/ (payments/authorize.json, price-quoter/quote.json,"
                + " pricing/quote.json). Record a scenario that calls it and write its asset, or"
                + " check the name.");
    assertThatThrownBy(() -> Equalizer.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("An Equalizer needs at least one recorded call");
  }

  @Test
  void aCallRecordedAsFailedIsEqualWhenItFailsTheSameWay() throws Exception {
    CheckpointNode node =
        CheckpointNode.of(
            CheckpointKey.parse("shop/METHOD/Catalogue.find#0"),
            new ObjectMapper()
                .readTree(
                    "{\"service\":\"shop\",\"kind\":\"METHOD\",\"name\":\"Catalogue.find\","
                        + "\"input\":{\"sku\":\"NOPE-0\"},\"error\":{\"type\":"
                        + "\"java.util.NoSuchElementException\",\"message\":\"No product NOPE-0\"}}"),
            List.of());
    Asset asset = Asset.ofTrees(List.of(node), Normaliser.defaults());
    Equalizer equalizer = Equalizer.of(List.of(RecordedCall.of("shop/find.json", 1, asset, node)));

    assertThat(
            equalizer
                .run(
                    call -> {
                      throw new NoSuchElementException("No product NOPE-0");
                    })
                .allEqual())
        .isTrue();
    assertThat(
            equalizer
                .run(
                    call -> {
                      throw new IllegalStateException("No product NOPE-0");
                    })
                .differences())
        .singleElement()
        .hasToString(
            """
            shop/find.json #1 (shop/METHOD/Catalogue.find#0) different:
            failed differently from the recording: 1 difference
            ~ /type: "java.util.NoSuchElementException" -> "java.lang.IllegalStateException\"""");
    assertThat(equalizer.run(call -> "found").differences())
        .singleElement()
        .extracting(EqualizerResult.Difference::message)
        .isEqualTo(
            "returned normally, but the recording failed with java.util.NoSuchElementException:"
                + " No product NOPE-0");
  }

  @Test
  void aWrongArgumentNameIsAnErrorSayingWhichNamesThereAre() {
    EqualizerResult result =
        Equalizer.load("PaymentService.authorize")
            .run(call -> call.argument("order", PaymentRequest.class));

    assertThat(result.errors()).isEqualTo(2);
    assertThat(result.differences().get(0).message())
        .isEqualTo(
            "threw java.lang.IllegalArgumentException: The recorded input of"
                + " payments/authorize.json #1 has no argument 'order': it is"
                + " {\"request\":{\"amountCents\":2500,\"currency\":\"EUR\",\"orderId\":\"order-1\"}}."
                + " Use one of its field names, or read input() as JSON.");
  }

  @Test
  void aDifferentComparisonNeedsAMessage() {
    assertThatThrownBy(() -> Comparison.different(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A different comparison needs a message saying how the results differ");
  }
}
