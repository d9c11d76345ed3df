package dev.checkpoint.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.checkpoint.core.Context;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BaggageTest {

  @Test
  void readsTheRunIdAmongOtherMembersAndProperties() {
    Baggage baggage = Baggage.parse("userId=alice, checkpoint.run = nightly-42;ttl=3, x=%20y");
    assertThat(baggage.runId()).isEqualTo("nightly-42");
    assertThat(baggage.get("userId")).isEqualTo("alice");
    assertThat(baggage.get("x")).isEqualTo(" y");
  }

  @Test
  void skipsInvalidMembersButKeepsValidOnes() {
    Baggage baggage = Baggage.parse("=novalue,bad key=1,noequals,q=\"quoted\",checkpoint.run=r1");
    assertThat(baggage.asMap()).containsOnlyKeys("checkpoint.run");
    assertThat(baggage.runId()).isEqualTo("r1");
  }

  @Test
  void readsEveryRunIdTheServerAccepts() {
    // Silently ignored once, so the server's run had none of the service's checkpoints.
    assertThat(Baggage.parse("checkpoint.run=build@1").runId()).isEqualTo("build@1");
    assertThat(Baggage.parse("checkpoint.run=v1%2B2").runId()).isEqualTo("v1+2");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        ",,,",
        "checkpoint.run=",
        "checkpoint.run=has%20space",
        "checkpoint.run=_x"
      })
  void yieldsNoRunIdForAbsentOrInvalidValues(String header) {
    assertThat(Baggage.parse(header).runId()).isNull();
  }

  @Test
  void ignoresHeadersOverTheW3cLimits() {
    String tooLong = "checkpoint.run=r1," + "k=" + "v".repeat(Baggage.MAX_BYTES);
    assertThat(Baggage.parse(tooLong).runId()).isNull();
    StringBuilder many = new StringBuilder("checkpoint.run=r1");
    for (int i = 0; i < Baggage.MAX_MEMBERS; i++) {
      many.append(",k").append(i).append("=v");
    }
    assertThat(Baggage.parse(many.toString()).runId()).isNull();
  }

  @Test
  void formatsPercentEncodedValuesThatParseBack() {
    Baggage baggage = Baggage.empty().with("note", "a b,c;d=é").with(Baggage.RUN_KEY, "r-1");
    assertThat(baggage.format()).isEqualTo("note=a%20b%2Cc%3Bd%3D%C3%A9,checkpoint.run=r-1");
    assertThat(Baggage.parse(baggage.format())).isEqualTo(baggage);
  }

  @Test
  void rejectsInvalidKeysWhenWriting() {
    assertThatThrownBy(() -> Baggage.empty().with("bad key", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad key");
  }

  @Test
  void w3cInjectThenExtractRoundTripsTheContext() {
    Context context = Context.of("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "run-9");
    Map<String, String> headers = new HashMap<>();
    W3cPropagation.inject(context, "vendor=abc", headers::put);

    assertThat(headers)
        .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        .containsEntry("baggage", "vendor=abc,checkpoint.run=run-9");
    Context extracted =
        W3cPropagation.extract(headers.get("traceparent"), headers.get("baggage")).orElseThrow();
    assertThat(extracted.traceId()).isEqualTo(context.traceId());
    assertThat(extracted.checkpointId()).isEqualTo(context.checkpointId());
    assertThat(extracted.runId()).isEqualTo("run-9");
  }

  @Test
  void extractIgnoresABadTraceparentButKeepsTheRunFromBaggage() {
    Context context = W3cPropagation.extract("00-bogus", "checkpoint.run=r2").orElseThrow();
    assertThat(context.runId()).isEqualTo("r2");
    assertThat(context.checkpointId()).isNull();
    assertThat(W3cPropagation.extract("00-bogus", "nothing=here")).isEmpty();
  }
}
