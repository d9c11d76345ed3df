package dev.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one definition of kinds, ids and run ids, and the exact rule texts users read in errors from
 * the recorder, the server, the runner and the test library.
 */
class VocabularyTest {

  @Test
  void kindsParseByTheirExactNames() {
    assertThat(Kind.parse("HTTP_SERVER")).contains(Kind.HTTP_SERVER);
    assertThat(Kind.parse("MESSAGE_CONSUME")).contains(Kind.MESSAGE_CONSUME);
    assertThat(Kind.parse("CACHE")).contains(Kind.CACHE);
    assertThat(Kind.parse("http_server")).isEmpty();
    assertThat(Kind.parse("")).isEmpty();
    assertThat(Kind.parse(null)).isEmpty();
    assertThat(Kind.RULE)
        .isEqualTo(
            "one of HTTP_SERVER, HTTP_CLIENT, SQL, METHOD, MESSAGE_PUBLISH, MESSAGE_CONSUME,"
                + " CACHE");
  }

  @Test
  void traceIdsAre32LowercaseHexDigitsNotAllZero() {
    assertThat(TraceId.isValid("0af7651916cd43dd8448eb211c80319c")).isTrue();
    assertThat(TraceId.isValid("0AF7651916CD43DD8448EB211C80319C")).isFalse();
    assertThat(TraceId.isValid("0af7651916cd43dd8448eb211c80319")).isFalse();
    assertThat(TraceId.isValid("0af7651916cd43dd8448eb211c80319c0")).isFalse();
    assertThat(TraceId.isValid("0af7651916cd43dd8448eb211c80319g")).isFalse();
    assertThat(TraceId.isValid("0".repeat(32))).isFalse();
    assertThat(TraceId.isValid(null)).isFalse();
    assertThat(TraceId.RULE).isEqualTo("a W3C trace id: 32 lowercase hex digits, not all zero");
  }

  @Test
  void traceIdsFormatFromTwoLongs() {
    assertThat(TraceId.fromLongs(0x0af7651916cd43ddL, 0x8448eb211c80319cL))
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(TraceId.fromLongs(-1L, 1L)).isEqualTo("ffffffffffffffff0000000000000001");
  }

  @Test
  void checkpointIdsAre16LowercaseHexDigitsNotAllZero() {
    assertThat(CheckpointId.isValid("b7ad6b7169203331")).isTrue();
    assertThat(CheckpointId.isValid("B7AD6B7169203331")).isFalse();
    assertThat(CheckpointId.isValid("b7ad6b716920333")).isFalse();
    assertThat(CheckpointId.isValid("0".repeat(16))).isFalse();
    assertThat(CheckpointId.isValid(null)).isFalse();
    assertThat(CheckpointId.fromLong(0xb7ad6b7169203331L)).isEqualTo("b7ad6b7169203331");
    assertThat(CheckpointId.fromLong(1L)).isEqualTo("0000000000000001");
    assertThat(CheckpointId.RULE).isEqualTo("a W3C span id: 16 lowercase hex digits, not all zero");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nightly-2026-11-23", "build@42", "v1.2+3", "a", "run:1_x", "9"})
  void runIdsThatAreAccepted(String runId) {
    assertThat(RunId.isValid(runId)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "_x", "-x", ".x", "@x", "a b", "a/b", "a?b", "a%20", "naïve", "a\u0000"})
  void runIdsThatAreRejected(String runId) {
    assertThat(RunId.isValid(runId)).isFalse();
  }

  @Test
  void runIdsAreAtMost128Characters() {
    assertThat(RunId.isValid("r".repeat(128))).isTrue();
    assertThat(RunId.isValid("r".repeat(129))).isFalse();
    assertThat(RunId.isValid(null)).isFalse();
    assertThat(RunId.RULE)
        .isEqualTo(
            "1 to 128 characters of letters, digits and . _ : @ + -, starting with a letter or"
                + " digit (such as nightly-2026-11-23 or build@42)");
  }
}
