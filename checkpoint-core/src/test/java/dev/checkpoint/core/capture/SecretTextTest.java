package dev.checkpoint.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTextTest {

  private static final String R = Redaction.MARKER;
  private final Redaction redaction = Redaction.defaults();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pwd",
        "passphrase",
        "privateKey",
        "jwt",
        "X-Session-Id",
        "X-CSRF-Token",
        "X-XSRF-TOKEN",
        "creditCard",
        "ccNumber",
        "iban",
        "socialSecurityNumber",
        "X-Hub-Signature",
        "session",
        "SID",
        "pin",
        "user_pin",
        "userPin",
        "pan",
        "ssn",
        "customer.ssn",
        "otp",
        "pass",
        "pw",
        "auth",
        "X-Auth",
        "aws_access_key_id",
      })
  void widerDefaultKeysAreSecret(String key) {
    assertThat(redaction.isSecret(key)).as(key).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pinned",
        "passenger",
        "author",
        "panel",
        "sidebar",
        "sessionTimeout",
        "passes",
        "spinner",
        "name",
        "orderId",
      })
  void wordsAreNotFoundInsideLongerKeys(String key) {
    assertThat(redaction.isSecret(key)).as(key).isFalse();
  }

  @Test
  void configuredWordsMatchWholeKeysOnly() {
    Redaction configured = Redaction.withExtra(List.of("=tan", "taxid"));
    assertThat(configured.isSecret("tan")).isTrue();
    assertThat(configured.isSecret("order_tan")).isTrue();
    assertThat(configured.isSecret("tangent")).isFalse();
    assertThat(configured.isSecret("customer-tax-id")).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/reset?access_token=abc123&x=1|/reset?access_token=" + R + "&x=1",
        "password=hunter2&api_key=k-9&user=ann|password=" + R + "&api_key=" + R + "&user=ann",
        "https://shop.example/cb?code=ok&client_secret=s3cr3t#top|https://shop.example/cb?code=ok&client_secret="
            + R
            + "#top",
        "https://ann:pa55word@db.example:5432/x|https://ann:" + R + "@db.example:5432/x",
        "sid=abc; Path=/; HttpOnly|sid=" + R + "; Path=/; HttpOnly",
        "login failed for user=ann password: hunter2 at 10:15|login failed for user=ann password: "
            + R
            + " at 10:15",
        "Authorization: Bearer eyJhbGciOi.x.y and more|Authorization: " + R + " and more",
        "UPDATE users SET password = 'it''s secret' WHERE id = 1|UPDATE users SET password = '"
            + R
            + "' WHERE id = 1",
        "{\"user\":\"ann\",\"password\":\"hun|{\"user\":\"ann\",\"password\":\"" + R,
        "{\\\"token\\\":\\\"t-1\\\",\\\"a\\\":1}|{\\\"token\\\":\\\"" + R + "\\\",\\\"a\\\":1}",
        "paid with 4111 1111 1111 1111 today|paid with " + R + " today",
        "card 5500-0000-0000-0004, ok|card " + R + ", ok",
        "4012888888881881|" + R,
        "amex 3782 822463 10005 ok|amex " + R + " ok",
        "mastercard 2221 0000 0000 0009|mastercard " + R,
      })
  void secretsInsideTextAreReplaced(String text, String expected) {
    assertThat(redaction.redactText(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain text without anything",
        "a=1&b=2&author=ann&pinned=true",
        "at 10:15:30 the order o-1 was paid",
        "order 4111111111111112 is not a card (Luhn)",
        "epoch 1733400000000 millis",
        "uuid 4a1e2f0d-1234-4716-8123-446655440000",
        "token=" + R,
        "2026-12-05T18:34:22Z",
        "checkpoint.run=shop-20261205-204302-583",
        "stamp 20261205204302 passes Luhn but is a date",
        "digits 4111 11111 1111 111 are not grouped as a card",
      })
  void textWithoutSecretsIsTheSameInstance(String text) {
    assertThat(redaction.redactText(text)).isSameAs(text);
  }

  @Test
  void aStringThatIsJsonKeepsItsShapeAndLosesItsSecrets() throws Exception {
    String text =
        "{\"user\":\"ann\",\"pin\":1234,\"nested\":{\"ccNumber\":\"4111111111111111\"},"
            + "\"note\":\"paid with 4111-1111-1111-1111\",\"amount\":12.50,\"big\":1e400}";
    JsonNode redacted = new ObjectMapper().readTree(redaction.redactText(text));
    assertThat(redacted.path("user").asText()).isEqualTo("ann");
    assertThat(redacted.path("pin").asText()).isEqualTo(R);
    assertThat(redacted.path("nested").path("ccNumber").asText()).isEqualTo(R);
    assertThat(redacted.path("note").asText()).isEqualTo("paid with " + R);
    assertThat(redaction.redactText(text)).contains("12.50", "1E+400").doesNotContain("4111");
  }

  @Test
  void jsonValuesAfterTheFirstAreSearchedToo() {
    String text = "{\"a\":1} {\"password\":\"hunter2\"}";
    assertThat(redaction.redactText(text)).doesNotContain("hunter2");
  }

  @Test
  void longTextsAreScannedInLinearTime() {
    String separators = "=:".repeat(200_000);
    String keys = "password ".repeat(100_000) + "=";
    String digits = "4 ".repeat(200_000);
    long start = System.nanoTime();
    for (String text : List.of(separators, keys, digits)) {
      redaction.redactText(text);
    }
    // Generous: quadratic scanning of these texts would take minutes.
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void capturedStringValuesAreRedactedAndTheirPathsReported() {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("url", "http://shop/login?user=ann&password=hunter2");
    head.put("headers", Map.of("location", "/reset?token=t-42"));
    head.put("notes", List.of("fine", "card 4111 1111 1111 1111"));
    head.put("body", "{\"iban\":\"DE89370400440532013000\"}");
    CapturedPayload captured = PayloadCapture.create(redaction, 4096).capture(head, "input");
    assertThat(captured.payload().json())
        .doesNotContain("hunter2", "t-42", "4111", "DE89370400440532013000")
        .contains("user=ann", "fine");
    assertThat(captured.redacted())
        .containsExactly("input.url", "input.headers.location", "input.notes[1]", "input.body");
  }
}
