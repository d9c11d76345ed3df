package dev.checkpoint.core.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.checkpoint.core.capture.CapturedPayload;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

  /** How bodies were read before they were kept as bytes: a tree, floats as big decimals. */
  private static final ObjectMapper TREE =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private static final PayloadCapture CAPTURE = PayloadCapture.create(Redaction.defaults(), 4096);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"amount\":10.50,\"rate\":0.1000000000000000000001,\"zero\":-0.0,\"small\":-1.5e-7}",
        "{\"big\":1e400,\"huge\":123456789012345678901234567890,\"long\":9007199254740993}",
        "{\"name\":\"Grüße, 日本 \\u00e9 \\ud83d\\ude00 😀\",\"esc\":\"a\\\"b\\\\c\\n\\t\\u0001\"}",
        "{\"user\":{\"name\":\"ann\",\"password\":\"hunter2\",\"token\":{\"a\":[1,{\"b\":2}]}},"
            + "\"items\":[{\"apiKey\":[\"x\",\"y\"]},{\"secret\":null}],\"n\":[[],{}]}",
        "{\"note\":\"card 4111 1111 1111 1111 and Bearer abc.def.ghi\",\"ok\":true,\"no\":false}",
        "[1, 2.50, \"three\", null, {\"password\": 4}]",
        "  \n {\"spaced\" : [ 1 , 2 ] }  ",
        "{\"first\":1} {\"second\":2}",
        "\"just a string\"",
        "42",
        "null"
      })
  void capturesTheSameJsonAsTheTreeDid(String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    CapturedPayload fromTree = CAPTURE.capture(TREE.readTree(bytes), "input");
    CapturedPayload fromBytes = CAPTURE.capture(JsonBody.of(bytes), "input");

    assertThat(fromBytes.payload().json()).isEqualTo(fromTree.payload().json());
    assertThat(fromBytes.redacted()).isEqualTo(fromTree.redacted());
  }

  @Test
  void secretsInsideTheBodyAreRedactedWithTheirPaths() {
    byte[] bytes =
        "{\"user\":{\"password\":\"hunter2\",\"token\":{\"a\":[1]}},\"list\":[{\"apiKey\":\"k\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    CapturedPayload captured = CAPTURE.capture(Map.of("body", JsonBody.of(bytes)), "input");

    assertThat(captured.payload().json())
        .isEqualTo(
            "{\"body\":{\"user\":{\"password\":\"[REDACTED]\",\"token\":\"[REDACTED]\"},"
                + "\"list\":[{\"apiKey\":\"[REDACTED]\"}]}}");
    assertThat(captured.redacted())
        .containsExactly(
            "input.body.user.password", "input.body.user.token", "input.body.list[0].apiKey");
  }

  @Test
  void aKeyGivenTwiceIsWrittenTwiceWhereTheTreeKeptTheLastValue() throws Exception {
    byte[] bytes = "{\"a\":1,\"b\":2,\"a\":3}".getBytes(StandardCharsets.UTF_8);

    assertThat(CAPTURE.capture(TREE.readTree(bytes), "input").payload().json())
        .isEqualTo("{\"a\":3,\"b\":2}");
    assertThat(CAPTURE.capture(JsonBody.of(bytes), "input").payload().json())
        .isEqualTo("{\"a\":1,\"b\":2,\"a\":3}");
  }

  @Test
  void bytesWithoutACompleteJsonValueAreNotJson() {
    assertThat(JsonBody.of(new byte[0])).isNull();
    assertThat(JsonBody.of(" \n".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(JsonBody.of("{\"a\":[1,2}".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(JsonBody.of("{\"a\":\"cut".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(JsonBody.of("{a:1}".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(JsonBody.of(new byte[] {'"', (byte) 0xff, '"'})).isNull();
    assertThat(JsonBody.of(new byte[] {'[', '"', (byte) 0xff, '"', ']'})).isNull();
  }

  @Test
  void utf16IsReadAsTheTreeReadIt() throws Exception {
    byte[] bytes = "{\"name\":\"Grüße\",\"n\":1.0}".getBytes(StandardCharsets.UTF_16BE);

    assertThat(CAPTURE.capture(JsonBody.of(bytes), "input").payload().json())
        .isEqualTo(CAPTURE.capture(TREE.readTree(bytes), "input").payload().json())
        .isEqualTo("{\"name\":\"Grüße\",\"n\":1.0}");
  }
}
