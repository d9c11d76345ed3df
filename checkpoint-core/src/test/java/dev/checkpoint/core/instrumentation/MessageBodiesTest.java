package dev.checkpoint.core.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
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
  void utf8IsTextExactlyWhenTheJdkDecoderAcceptsIt() {
    byte[][] edges = {
      {(byte) 0xc2, (byte) 0x80},
      {(byte) 0xc1, (byte) 0xbf},
      {(byte) 0xe0, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xe0, (byte) 0x9f, (byte) 0xbf},
      {(byte) 0xed, (byte) 0x9f, (byte) 0xbf},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xef, (byte) 0xbf, (byte) 0xbf},
      {(byte) 0xf0, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xf0, (byte) 0x8f, (byte) 0xbf, (byte) 0xbf},
      {(byte) 0xf4, (byte) 0x8f, (byte) 0xbf, (byte) 0xbf},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {(byte) 0xe2, (byte) 0x82},
      {'a', (byte) 0x80}
    };
    for (byte[] bytes : edges) {
      assertThat(MessageBodies.isWellFormedUtf8(bytes))
          .as(Arrays.toString(bytes))
          .isEqualTo(jdkDecodes(bytes));
    }
    // Random bytes, most of them from the ranges where UTF-8's rules are.
    Random random = new Random(20261206);
    for (int n = 0; n < 50_000; n++) {
      byte[] bytes = new byte[1 + random.nextInt(6)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            (byte) (random.nextInt(4) == 0 ? random.nextInt(0x80) : 0x80 + random.nextInt(0x80));
      }
      Object expected =
          jdkDecodes(bytes)
              ? new String(bytes, StandardCharsets.UTF_8)
              : Map.of("base64", Base64.getEncoder().encodeToString(bytes));
      assertThat(MessageBodies.shape(bytes, "text/plain", null, 1024))
          .as(Arrays.toString(bytes))
          .isEqualTo(expected);
    }
  }

  private static boolean jdkDecodes(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
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
