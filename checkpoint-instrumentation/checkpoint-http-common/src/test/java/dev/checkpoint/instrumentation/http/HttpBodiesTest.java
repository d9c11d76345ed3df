package dev.checkpoint.instrumentation.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.instrumentation.JsonBody;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpBodiesTest {

  private static final Redaction REDACTION = Redaction.defaults();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void emptyBodyIsNull() {
    assertThat(shape("application/json", new byte[0], 1000))
        .isEqualTo(new HttpBodies.Shaped(null, false));
  }

  @Test
  void jsonIsRecordedAsJsonAndInvalidJsonAsText() throws Exception {
    HttpBodies.Shaped json = shape("application/problem+json", utf8("{\"a\":[1,2]}"), 1000);
    HttpBodies.Shaped broken = shape("application/json", utf8("{\"a\":"), 1000);

    assertThat(json.value()).isInstanceOf(JsonBody.class);
    assertThat(MAPPER.writeValueAsString(json.value())).isEqualTo("{\"a\":[1,2]}");
    assertThat(broken.value()).isEqualTo("{\"a\":");
  }

  @Test
  void formDataIsRecordedAsFields() {
    HttpBodies.Shaped form =
        shape("application/x-www-form-urlencoded", utf8("user=ann+b&tag=a&tag=b&x"), 1000);

    assertThat(form.value()).isEqualTo(Map.of("user", "ann b", "tag", List.of("a", "b"), "x", ""));
  }

  @Test
  void aParsedFormIsRecordedAsItsFieldsAndFiles() throws Exception {
    FormFields fields = new FormFields(1000);
    fields.add("user", "ann");
    fields.add("tag", "a");
    fields.add("tag", "b");
    fields.addFile("photo", "cat.png", "image/png", 70, new byte[70]);

    HttpBodies.Shaped shaped = HttpBodies.shape(fields, 200, 1000, REDACTION);

    assertThat(shaped.truncated()).isFalse();
    assertThat(MAPPER.writeValueAsString(shaped.value()))
        .isEqualTo(
            "{\"user\":\"ann\",\"tag\":[\"a\",\"b\"],\"photo\":{\"filename\":\"cat.png\","
                + "\"contentType\":\"image/png\",\"size\":70,\"prefix\":\""
                + Base64.getEncoder().encodeToString(new byte[64])
                + "\"}}");
  }

  @Test
  void aParsedFormOverItsBudgetIsARedactedPreview() {
    FormFields fields = new FormFields(300);
    fields.add("user", "ann");
    fields.add("password", "hunter2");
    fields.add("note", "n".repeat(500));

    HttpBodies.Shaped shaped = HttpBodies.shape(fields, 540, 200, REDACTION);

    assertThat(shaped.truncated()).isTrue();
    JsonNode marker = MAPPER.valueToTree(shaped.value());
    assertThat(marker.path("originalSize").asInt()).isEqualTo(540);
    assertThat(marker.path("preview").asText())
        .isEqualTo("{\"user\":\"ann\",\"password\":\"[REDACTED]\"}");
  }

  @Test
  void textIsDecodedInItsCharsetAndUntypedTextIsRecognised() {
    HttpBodies.Shaped latin =
        shape(
            "text/plain; charset=ISO-8859-1", "grüße".getBytes(StandardCharsets.ISO_8859_1), 1000);
    HttpBodies.Shaped untyped = shape(null, utf8("plain words\n"), 1000);

    assertThat(latin.value()).isEqualTo("grüße");
    assertThat(untyped.value()).isEqualTo("plain words\n");
  }

  @Test
  void binaryIsRecordedAsBase64WithItsSize() {
    HttpBodies.Shaped binary = shape(null, new byte[] {0, 1, (byte) 0xff}, 1000);

    assertThat(binary.value()).isEqualTo(Map.of("base64", "AAH/", "size", 3));
  }

  @Test
  void truncatedJsonPreviewIsRedactedEvenWhenTheSecretIsCut() throws Exception {
    String json =
        "{\"user\":\"ann\",\"password\":\"hunter2\",\"items\":["
            + "1,".repeat(200)
            + "1],"
            + "\"token\":\"abcdefghijklmnop\"}";
    byte[] bytes = utf8(json);
    // Cut inside the token's value.
    BodyBuffer cut = new BodyBuffer(json.indexOf("abcdefgh") + 4);
    cut.write(bytes, 0, bytes.length);

    HttpBodies.Shaped shaped = HttpBodies.shape("application/json", cut, 300, REDACTION);

    assertThat(shaped.truncated()).isTrue();
    JsonNode marker = MAPPER.valueToTree(shaped.value());
    assertThat(marker.path("originalSize").asInt()).isEqualTo(bytes.length);
    String preview = marker.path("preview").asText();
    assertThat(preview).startsWith("{\"user\":\"ann\",\"password\":\"[REDACTED]\"");
    assertThat(preview).doesNotContain("hunter2", "abcd");
    assertThat(MAPPER.writeValueAsBytes(marker).length).isLessThanOrEqualTo(300);
  }

  @Test
  void truncatedFormPreviewIsRedacted() {
    byte[] form = utf8("user=ann&password=hunter2&password=swordfish&note=" + "n".repeat(500));

    JsonNode marker =
        MAPPER.valueToTree(shape("application/x-www-form-urlencoded", form, 200).value());

    assertThat(marker.path("preview").asText())
        .startsWith("user=ann&password=[REDACTED]&password=[REDACTED]&note=nnn")
        .doesNotContain("hunter2", "swordfish");
  }

  @Test
  void truncatedBinaryHasOnlyItsSize() {
    byte[] bytes = new byte[5000];
    bytes[0] = (byte) 0xff;

    HttpBodies.Shaped shaped = shape("image/png", bytes, 1000);

    assertThat(shaped.truncated()).isTrue();
    assertThat(MAPPER.valueToTree(shaped.value()).toString())
        .isEqualTo("{\"truncated\":true,\"originalSize\":5000}");
  }

  @Test
  void budgetLeavesRoomForTheRestOfTheMessage() {
    Map<String, Object> head =
        Map.of("method", "GET", "headers", Map.of("a", "x".repeat(500), "b", "y"));

    assertThat(HttpBodies.budget(2048, head)).isBetween(1300, 2048 - 500);
    assertThat(HttpBodies.budget(256, head)).isEqualTo(128);
  }

  @Test
  void aBodyFarWithinTheLimitGetsABudgetNoLargerThanTheExactOne() {
    Map<String, Object> head =
        Map.of(
            "method",
            "GET",
            "path",
            "/a\u0001\"é",
            "headers",
            Map.of("a", List.of("x".repeat(300), "z"), "ü", "\u2028"),
            "status",
            200);
    int exact = HttpBodies.budget(4096, head);

    assertThat(HttpBodies.budget(4096, head, 100)).isBetween(200, exact);
    assertThat(HttpBodies.budget(4096, head, 4000)).isEqualTo(exact);
    assertThat(HttpBodies.budget(4096, Map.of("status", new Object()), 10))
        .isEqualTo(HttpBodies.budget(4096, Map.of("status", new Object())));
  }

  private static HttpBodies.Shaped shape(String contentType, byte[] bytes, int budget) {
    BodyBuffer body = new BodyBuffer(budget * 2);
    body.write(bytes, 0, bytes.length);
    return HttpBodies.shape(contentType, body, budget, REDACTION);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
