package dev.checkpoint.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.core.model.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {

  @Test
  void parsesTheSpecExample() {
    TraceParent parsed =
        TraceParent.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").orElseThrow();
    assertThat(parsed.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(parsed.parentId()).isEqualTo("b7ad6b7169203331");
    assertThat(parsed.flags()).isEqualTo(1);
  }

  @Test
  void roundTripsGeneratedIds() {
    for (int i = 0; i < 100; i++) {
      TraceParent original = TraceParent.sampled(Ids.newTraceId(), Ids.newCheckpointId());
      assertThat(TraceParent.parse(original.format())).contains(original);
    }
  }

  @Test
  void formatsVersion00WithTheFlagsAsTwoLowercaseHexDigits() {
    String trace = "0af7651916cd43dd8448eb211c80319c";
    String parent = "b7ad6b7169203331";
    assertThat(new TraceParent(trace, parent, 0x01).format())
        .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(new TraceParent(trace, parent, 0x00).format()).endsWith("-00");
    assertThat(new TraceParent(trace, parent, 0xab).format()).endsWith("-ab");
    assertThat(new TraceParent(trace, parent, 0x1f0).format()).endsWith("-f0");
    assertThat(new TraceParent("abc", "de", 0x01).format()).isEqualTo("00-abc-de-01");
  }

  @Test
  void readsFutureVersionsByTheirFirstFields() {
    assertThat(
            TraceParent.parse(
                "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what-the-future-holds"))
        .map(TraceParent::parentId)
        .contains("b7ad6b7169203331");
  }

  @Test
  void toleratesSurroundingWhitespace() {
    assertThat(TraceParent.parse("  00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00 "))
        .isPresent();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "garbage",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra",
        "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
        "00-00000000000000000000000000000000-b7ad6b7169203331-01",
        "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
        "00-0af7651916cd43dd8448eb211c80319z-b7ad6b7169203331-01",
        "00_0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0g",
        "0g-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01x",
        "00-0af7651916cd43dd8448eb211c80319-cb7ad6b7169203331-01"
      })
  void ignoresMalformedHeaders(String header) {
    assertThat(TraceParent.parse(header)).isEmpty();
  }
}
