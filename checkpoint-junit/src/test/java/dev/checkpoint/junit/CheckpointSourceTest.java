package dev.checkpoint.junit;

import static dev.checkpoint.junit.CheckpointAssertions.assertMatchesRecorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

class CheckpointSourceTest {

  record PaymentRequest(String orderId, long amountCents, String currency) {}

  record Authorization(String id, String status, long amountCents) {}

  record Line(String sku, int quantity, long unitCents) {}

  /** Authorizes payments up to a limit, with a new id every time. */
  record PaymentService(long limitCents) {
    Authorization authorize(PaymentRequest request) {
      String status = request.amountCents() <= limitCents ? "AUTHORIZED" : "DECLINED";
      return new Authorization(UUID.randomUUID().toString(), status, request.amountCents());
    }
  }

  static class AsRecorded {
    @ParameterizedTest
    @CheckpointSource(name = "PaymentService.authorize")
    void authorizesAsRecorded(PaymentRequest request, RecordedCall recorded) {
      assertMatchesRecorded(new PaymentService(10_000).authorize(request), recorded);
    }
  }

  static class ChangedBehaviour {
    @ParameterizedTest
    @CheckpointSource(name = "PaymentService.authorize")
    void authorizesAsRecorded(PaymentRequest request, RecordedCall recorded) {
      assertMatchesRecorded(new PaymentService(1_000).authorize(request), recorded);
    }
  }

  static class OutputAsLastParameter {
    @ParameterizedTest
    @CheckpointSource(name = "PaymentService.authorize")
    void authorizes(PaymentRequest request, Authorization expected) {
      assertEquals(expected.status(), new PaymentService(10_000).authorize(request).status());
    }
  }

  static class WholeInput {
    @ParameterizedTest
    @CheckpointSource(name = "Prices.quote")
    void quotes(Line line, long expectedCents) {
      assertEquals(expectedCents, line.quantity() * line.unitCents());
    }
  }

  record Status(boolean open) {}

  static class NoInput {
    @ParameterizedTest
    @CheckpointSource(name = "Shop.status")
    void reportsStatus(Status expected) {
      assertEquals(new Status(true), expected);
    }
  }

  static class UnknownName {
    @ParameterizedTest
    @CheckpointSource(name = "PaymentService.refund")
    void refunds(PaymentRequest request) {}
  }

  /* pricing/quote.json is of format version 1, which replaced noise with placeholders. */
  static class Placeholder {
    @ParameterizedTest
    @CheckpointSource(name = "Orders.find")
    void finds(long orderId) {}
  }

  static class Unbindable {
    @ParameterizedTest
    @CheckpointSource(name = "PaymentService.authorize")
    void authorizes(PaymentRequest request, String merchant, String channel) {}
  }

  private static EngineExecutionResults tests(Class<?> examples) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(examples)).execute();
  }

  private static Throwable failure(Event event) {
    return event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
  }

  private static List<String> failureMessages(Events events) {
    return events.failed().stream().map(event -> failure(event).getMessage()).toList();
  }

  @Test
  void suppliesEveryRecordedCallNamedAfterItsAsset() {
    EngineExecutionResults events = tests(AsRecorded.class);

    events.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(
            events.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
        .containsExactly("[1] payments/authorize.json #1", "[2] payments/authorize.json #2");
  }

  @Test
  void failsWithTheChangedPathsWhenTheComponentChanged() {
    EngineExecutionResults events = tests(ChangedBehaviour.class);

    events.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
    assertThat(failureMessages(events.testEvents()))
        .containsExactly(
            """
            Output of PaymentService.authorize does not match the recording \
            payments/authorize.json #1 (payments/HTTP_SERVER/POST /payments#0 > \
            payments/METHOD/PaymentService.authorize#0):
            1 difference
            ~ /status: "AUTHORIZED" -> "DECLINED\"""");
    AssertionFailedError error =
        (AssertionFailedError)
            failure(events.testEvents().failed().stream().findFirst().orElseThrow());
    assertThat(error.getExpected().getStringRepresentation())
        .contains("\"status\" : \"AUTHORIZED\"")
        .contains("\"id\" : \"<uuid>\"");
    assertThat(error.getActual().getStringRepresentation())
        .contains("\"status\" : \"DECLINED\"")
        .contains("\"id\" : \"<uuid>\"");
  }

  @Test
  void bindsTheOutputToTheLastParameter() {
    tests(OutputAsLastParameter.class).testEvents().assertStatistics(stats -> stats.succeeded(2));
  }

  @Test
  void bindsAWholeInputWhenNoParameterMatchesByName() {
    tests(WholeInput.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
  }

  @Test
  void bindsTheOutputOfACallWithoutInput() {
    tests(NoInput.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void saysSoWhenNothingWasRecordedUnderTheName() {
    EngineExecutionResults events = tests(UnknownName.class);

    assertThat(failureMessages(events.containerEvents()))
        .containsExactly(
            "No recorded call named 'PaymentService.refund' for method [void"
                + " dev.checkpoint.junit.CheckpointSourceTest$UnknownName.refunds("
                + "dev.checkpoint.junit.CheckpointSourceTest$PaymentRequest)]: found 3 assets"
                + " under checkpoints/ (payments/authorize.json, price-quoter/quote.json,"
                + " pricing/quote.json). Record a"
                + " scenario that calls it and write its asset, or check the name.");
  }

  @Test
  void explainsAPlaceholderThatCannotBecomeTheParameterType() {
    assertThat(failureMessages(tests(Placeholder.class).containerEvents()))
        .singleElement()
        .asString()
        .startsWith(
            "The recorded input field 'orderId' of pricing/quote.json #1 cannot be read as long:")
        .endsWith(
            ". An asset of format version 1 replaced a value with a placeholder; record the"
                + " asset again (version 2 keeps recorded values), or take the value as JsonNode"
                + " or RecordedCall.");
  }

  @Test
  void explainsAParameterItCannotBind() {
    assertThat(failureMessages(tests(Unbindable.class).containerEvents()))
        .containsExactly(
            "Cannot bind parameter 'merchant' (index 1) of method [void"
                + " dev.checkpoint.junit.CheckpointSourceTest$Unbindable.authorizes("
                + "dev.checkpoint.junit.CheckpointSourceTest$PaymentRequest,java.lang.String,"
                + "java.lang.String)] to the recorded call payments/authorize.json #1, whose"
                + " input is an object with the fields [request]. Name parameters like the"
                + " recorded arguments (compile with -parameters), take the call as a"
                + " RecordedCall parameter, or take the output as the last parameter.");
  }
}
