package dev.checkpoint.core.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageBodiesTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void jsonIsRecordedAsJsonWithItsNumbersAsWritten() throws Exception {
    Object shaped = MessageBodies.shape(utf8("{\"amount\":10.50,\"big\":1e400}"), null, null, 1024);

    assertThat(shaped).isInstanceOf(JsonBody.class);
    assertThat(new ObjectMapper().writeValueAsString(shaped))
        .isEqualTo("{\"amount\":10.50,\"big\":1E+400}");
  }

  @Test
  void jsonInAnotherCharsetIsRecordedAsJson() throws Exception {
    Object shaped =
        MessageBodies.shape(
            "{\"name\":\"Grüße\"}".getBytes(StandardCharsets.ISO_8859_1),
            "application/json",
            "ISO-8859-1",
            1024);

    assertThat(new ObjectMapper().writeValueAsString(shaped)).isEqualTo("{\"name\":\"Grüße\"}");
  }

  @Test
  void aDeclaredJsonTypeThatDoesNotParseIsRecordedAsText() {
    assertThat(MessageBodies.shape(utf8("{cut"), "application/json", null, 1024)).isEqualTo("{cut");
  }

  @Test
  void textWithoutATypeOrOfATextTypeIsAString() {
    assertThat(MessageBodies.shape(utf8("hello"), null, null, 1024)).isEqualTo("hello");
    assertThat(MessageBodies.shape(utf8("<a/>"), "application/xml", null, 1024)).isEqualTo("<a/>");
  }

  @Test
  void bytesThatAreNotTextOrOfABinaryTypeOrCompressedAreBase64() {
    byte[] binary = {0, 1, 2, (byte) 255};
    assertThat(MessageBodies.shape(binary, null, null, 1024))
        .isEqualTo(Map.of("base64", "AAEC/w=="));
    assertThat(MessageBodies.shape(utf8("hi"), "application/octet-stream", null, 1024))
        .isEqualTo(Map.of("base64", "aGk="));
    assertThat(MessageBodies.shape(utf8("hi"), "text/plain", "gzip", 1024))
        .isEqualTo(Map.of("base64", "aGk="));
  }

  @Test
  void aBodyOverTheLimitIsAMarkerWithTheStartAsPreview() {
    byte[] body = utf8("x".repeat(300));

    assertThat(MessageBodies.isOverLimit(body, 200)).isTrue();
    assertThat(MessageBodies.isOverLimit(body, 300)).isFalse();
    assertThat(MessageBodies.shape(body, null, null, 200))
        .isEqualTo(Map.of("truncated", true, "originalSize", 300, "preview", "x".repeat(100)));
  }

  @Test
  void headerValuesAreTextWhenUtf8() {
    assertThat(MessageBodies.headerValue(utf8("acme"))).isEqualTo("acme");
    assertThat(MessageBodies.headerValue(new byte[] {(byte) 0xff}))
        .isEqualTo(Map.of("base64", "/w=="));
    assertThat(MessageBodies.headerValue(null)).isNull();
    assertThat(MessageBodies.shape(null, null, null, 1024)).isNull();
  }
}
