package dev.checkpoint.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonDocumentTest {

  // The tree HTTP and message bodies were read into before: what a copy must write alike.
  private static final ObjectMapper TREE =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final PayloadCapture capture = PayloadCapture.create(Redaction.defaults(), 4096);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"orderId\":\"4c1b\",\"amountCents\":2598,\"cardNumber\":\"4111111111111111\"}",
        " { \"a\" : [ 1 , -0 , 2.50 , 1e400 , 1.0E2 , -3e-7 , 12345678901234567890123 , 9007199254740993 ] } ",
        "{\"nested\":{\"password\":{\"x\":[1,{\"y\":2}]},\"token\":\"t\",\"k\":[{\"secret\":1}]}}",
        "[{\"a\":1},{\"a\":2},[],{},null,true,false]",
        "{\"text\":\"line\\nbreak \\\"quoted\\\" \\u00e9 é 日本 \\ud83d\\ude00 \\/ \\t\"}",
        "{\"note\":\"card 4111 1111 1111 1111 and Bearer abc.def.ghi\"}",
        "\"just a string\"",
        "42",
        "null",
        "{\"a\":1} trailing words",
        "[1,2] [3]",
        "{\"a\":{\"b\":1},\"b\":{\"a\":1},\"c\":{\"c\":{\"c\":1}}}",
      })
  void aCopyIsCapturedAsTheTreeOfTheSameBytesIsWithTheSameRedactions(String json) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    JsonDocument document = JsonDocument.of(bytes);

    assertThat(document).isNotNull();
    CapturedPayload copied = capture.capture(body(document), "input");
    CapturedPayload tree = capture.capture(body(TREE.readTree(bytes)), "input");
    assertThat(copied.payload().json()).isEqualTo(tree.payload().json());
    assertThat(copied.redacted()).isEqualTo(tree.redacted());
  }

  @Test
  void secretsInsideACopyAreRedactedAndReported() {
    byte[] bytes =
        "{\"user\":\"ann\",\"password\":{\"old\":\"a\",\"new\":\"b\"},\"note\":\"pan 4111111111111111\"}"
            .getBytes(StandardCharsets.UTF_8);

    CapturedPayload copied = capture.capture(body(JsonDocument.of(bytes)), "input");

    assertThat(copied.payload().json())
        .isEqualTo(
            "{\"body\":{\"user\":\"ann\",\"password\":\"[REDACTED]\",\"note\":\"pan [REDACTED]\"}}");
    assertThat(copied.redacted()).containsExactly("input.body.password", "input.body.note");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{\"a\":",
        "{\"a\":1",
        "[1,2",
        "{cut",
        "nope",
        "{\"a\":\"unterminated}",
        "{\"a\":1e99999999999}",
        // The tree keeps the last value of a key, at the first one's place: not a copy.
        "{\"a\":1,\"b\":2,\"a\":3}",
        "{\"o\":{\"x\":1,\"x\":2}}",
      })
  void bytesACopyWouldNotWriteAsTheTreeAreLeftToTheTree(String json) {
    assertThat(JsonDocument.of(json.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void anObjectWithManyKeysIsLeftToTheTree() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 65; i++) {
      json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    json.append('}');

    assertThat(JsonDocument.of(json.toString().getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(
            JsonDocument.of(
                json.toString().replace(",\"k64\":64", "").getBytes(StandardCharsets.UTF_8)))
        .isNotNull();
  }

  private static Map<String, Object> body(Object value) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("body", value);
    return message;
  }
}
