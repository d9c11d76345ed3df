package dev.checkpoint.server.internal.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.ServerConfig;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.testing.Batches;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the parser stores, text for text: it reads checkpoints without building trees, and the
 * stored JSON must stay what a tree written out would give.
 */
class BatchParserTest {
  private final BatchParser parser =
      new BatchParser(1 << 20, 1 << 20, ServerConfig.DEFAULT_MAX_TREE_DEPTH);

  @Test
  void storesFieldsAndPayloadsAsReceived() throws Exception {
    String body =
        "{\"batchId\":\"b-1\",\"resource\":{\"service\":\"shop\",\"instance\":\"i-1\"},"
            + "\"checkpoints\":[{\"id\":\"a000000000000002\",\"traceId\":\""
            + Batches.TRACE
            + "\",\"parentId\":\"a000000000000001\",\"runId\":\"run-1\",\"kind\":\"SQL\","
            + "\"name\":\"select\",\"startTimeUnixNano\":\"1763900000000000000\","
            + "\"endTimeUnixNano\":\"1763900000000000007\",\"thread\":\"main\","
            + "\"input\":{ \"sql\" : \"select 1\", \"n\": 1.50 },\"output\":[1, 2],"
            + "\"error\":{\"type\":\"E\",\"message\":\"boom\",\"stack\":[\"a\"]},"
            + "\"attributes\":{\"k\":\"v\"},\"truncated\":[],"
            + "\"redacted\":[\"input.sql\",\"output[0]\"],\"unknown\":{\"x\":[1]}}]}";

    Checkpoint checkpoint = parse(body).get(0);

    assertThat(checkpoint)
        .isEqualTo(
            new Checkpoint(
                Batches.TRACE,
                "a000000000000002",
                "a000000000000001",
                "run-1",
                "shop",
                "i-1",
                "SQL",
                "select",
                1763900000000000000L,
                1763900000000000007L,
                "main",
                "{ \"sql\" : \"select 1\", \"n\": 1.50 }",
                "[1, 2]",
                "{\"type\":\"E\",\"message\":\"boom\",\"stack\":[\"a\"]}",
                "{\"k\":\"v\"}",
                "[]",
                "[\"input.sql\",\"output[0]\"]",
                "b-1"));
  }

  @Test
  void writesStringArraysAsATreeWouldBeWritten() throws Exception {
    ObjectNode checkpoint = Batches.checkpoint("a000000000000001", null, "SQL", "q", 0);
    checkpoint
        .putArray("truncated")
        .add("quote \" back\\slash")
        .add("tab\tnewline\n\u0001")
        .add("é ✓ \uD83D\uDE00");
    checkpoint.putArray("redacted");
    byte[] body = Batches.json(Batches.batch("shop", checkpoint));

    Checkpoint parsed = parser.parse(new ByteArrayInputStream(body), false).get(0);

    assertThat(parsed.truncated())
        .isEqualTo(Batches.MAPPER.writeValueAsString(checkpoint.get("truncated")));
    assertThat(parsed.redacted()).isEqualTo("[]");
  }

  @Test
  void reportsATypeErrorOfAStringArrayOnlyAfterEarlierFields() {
    ObjectNode checkpoint = Batches.checkpoint("a000000000000001", null, "SQL", "q", 0);
    checkpoint.putArray("redacted").add(5);
    checkpoint.put("kind", "sql");
    byte[] body = Batches.json(Batches.batch("shop", checkpoint));

    assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(body), false))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            e -> assertThat(e.path()).isEqualTo("checkpoints[0].kind"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"input\": null, \"input\": {}",
        "\"truncated\": null, \"truncated\": []",
        "\"runId\": null, \"runId\": \"r\"",
        "\"note\": 1, \"note\": 2"
      })
  void aFieldGivenTwiceIsRefusedWhateverItsValue(String twice) {
    String body =
        "{\"batchId\":\"b\",\"checkpoints\":[{\"id\":\"a000000000000001\", " + twice + "}]}";

    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            e -> {
              assertThat(e.error()).isEqualTo("duplicate_field");
              assertThat(e.path()).startsWith("checkpoints[0].");
            });
  }

  /** Found by BatchParserFuzzTest: a NumberFormatException escaped, a 500 instead of a 400. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"input\": {\"a\": [1e2147483648]}|checkpoints[0].input.a[0]",
        "\"output\": -0e88888888888888888888|checkpoints[0].output",
        "\"error\": {\"type\": \"E\", \"code\": 1E+2147483648}|checkpoints[0].error.code",
        "\"unknown\": 1.5e-2147483649|checkpoints[0].unknown"
      })
  void aNumberWhoseExponentBigDecimalCannotHoldIsRefusedWithItsPath(String field, String path) {
    String body =
        "{\"batchId\":\"b\",\"checkpoints\":[{\"id\":\"a000000000000001\", " + field + "}]}";

    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_number");
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.getMessage())
                  .isEqualTo(
                      path
                          + " holds a number whose exponent is beyond ±2147483647, which cannot"
                          + " be stored exactly. Send it as a string, or with a smaller exponent.");
            });
  }

  /** Found by BatchParserFuzzTest: the nesting limit escaped while looking for the path. */
  @Test
  void malformedUtf8AfterNestingDeeperThanJacksonsLimitIsInvalidUtf8() {
    byte[] head = ("{\"batchId\":\"b\",\"x\":" + "[".repeat(1001) + "\"").getBytes(UTF_8);
    byte[] body = Arrays.copyOf(head, head.length + 2);
    body[head.length] = (byte) 0xF3;
    body[head.length + 1] = '"';

    assertThatThrownBy(() -> parser.parse(body, false))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_utf8");
              assertThat(e.path()).startsWith("x[0][0]");
            });
  }

  /**
   * Found by BatchParserFuzzTest: UTF-8 that Jackson takes for UTF-32 by its NUL bytes, and cannot
   * decode as such, raised a CharConversionException.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\u0000\u0000\u0000\u0000\u0000\u0010\u007f",
        "\u0000\u0000{\u0000",
        "\u0000{\u0000\u0000"
      })
  void utf8ThatLooksLikeUtf32AndDoesNotDecodeAsSuchIsInvalidJson(String body) {
    assertThatThrownBy(() -> parser.parse(body.getBytes(UTF_8), false))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_json");
              assertThat(e.getMessage())
                  .startsWith(
                      "The body is not valid JSON in the UTF-16 or UTF-32 that the NUL bytes at"
                          + " its start suggest: ")
                  .endsWith(". Send JSON encoded as UTF-8.");
            });
  }

  @Test
  void malformedUtf8InABodyThatLooksLikeUtf32IsInvalidUtf8() {
    byte[] body = {1, 0, 0, 0, 0, 0, 0, (byte) 0xD0, 'x'};

    assertThatThrownBy(() -> parser.parse(body, false))
        .isInstanceOfSatisfying(
            InvalidBatchException.class, e -> assertThat(e.error()).isEqualTo("invalid_utf8"));
  }

  @Test
  void numbersWithLongExponentsThatBigDecimalHoldsAreKept() throws Exception {
    String head =
        "{\"batchId\":\"b\",\"resource\":{\"service\":\"s\"},\"checkpoints\":[{"
            + "\"id\":\"a000000000000001\",\"traceId\":\""
            + Batches.TRACE
            + "\",\"kind\":\"METHOD\",\"name\":\"m\","
            + "\"startTimeUnixNano\":\"1763900000000000000\","
            + "\"endTimeUnixNano\":\"1763900000000000001\",\"input\":";

    assertThat(parse(head + "[1e2147483647, 2e-0000000001]}]}").get(0).input())
        .isEqualTo("[1e2147483647, 2e-0000000001]");
  }

  @Test
  void keysOfLargeObjectsAndSiblingObjectsAreCheckedApart() throws Exception {
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      many.append(i == 0 ? "" : ",")
          .append("\"k")
          .append(i)
          .append("\":{\"k1\":")
          .append(i)
          .append('}');
    }
    String unique = many + "}";
    String twice = many + ",\"k3\":0}";
    String head =
        "{\"batchId\":\"b\",\"resource\":{\"service\":\"s\"},\"checkpoints\":[{"
            + "\"id\":\"a000000000000001\",\"traceId\":\""
            + Batches.TRACE
            + "\",\"kind\":\"METHOD\",\"name\":\"m\","
            + "\"startTimeUnixNano\":\"1763900000000000000\","
            + "\"endTimeUnixNano\":\"1763900000000000001\",\"input\":";

    assertThat(parse(head + unique + ",\"output\":" + unique + "}]}").get(0).input())
        .isEqualTo(unique);
    assertThatThrownBy(() -> parse(head + twice + "}]}"))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            e -> assertThat(e.path()).isEqualTo("checkpoints[0].input.k3"));
  }

  private List<Checkpoint> parse(String body) throws Exception {
    return parser.parse(new ByteArrayInputStream(Batches.utf8(body)), false);
  }
}
