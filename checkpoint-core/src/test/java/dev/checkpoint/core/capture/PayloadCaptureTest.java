package dev.checkpoint.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadCaptureTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final PayloadCapture capture = PayloadCapture.create(Redaction.defaults(), 1024);

  @Test
  void capturesPlainValuesAsCompactJson() {
    CapturedPayload captured =
        capture.capture(
            Map.of("when", Instant.parse("2026-11-23T10:15:30Z"), "items", List.of(1, 2)), "input");
    assertThat(captured.truncated()).isFalse();
    assertThat(captured.redacted()).isEmpty();
    assertThat(json(captured))
        .isEqualTo(
            mapper
                .createObjectNode()
                .put("when", "2026-11-23T10:15:30Z")
                .set("items", mapper.createArrayNode().add(1).add(2)));
  }

  @Test
  void redactsSecretKeysAtAnyDepthAndReportsTheirPaths() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer abc");
    headers.put("Set-Cookie", List.of("session=1", "other=2"));
    headers.put("Content-Type", "application/json");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", "alice");
    body.put("password", "hunter2");
    body.put("card", Map.of("card_number", "4111111111111111", "expiry", "12/30"));
    body.put("tokens", List.of(Map.of("accessToken", "t1")));
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("headers", headers);
    request.put("body", body);

    CapturedPayload captured = capture.capture(request, "input");

    String json = captured.payload().json();
    assertThat(json)
        .doesNotContain("abc", "hunter2", "4111111111111111", "session=1", "t1")
        .contains(
            "\"Content-Type\":\"application/json\"", "\"expiry\":\"12/30\"", "\"user\":\"alice\"");
    assertThat(captured.redacted())
        .containsExactlyInAnyOrder(
            "input.headers.Authorization",
            "input.headers.Set-Cookie",
            "input.body.password",
            "input.body.card.card_number",
            "input.body.tokens");
  }

  @Test
  void redactedStructuresAreSkippedWholeAndTheirSiblingsKept() throws Exception {
    JsonNode tree =
        mapper.readTree(
            "{\"credentials\":{\"user\":\"a\",\"nested\":{\"x\":[1,{\"y\":2}]}},"
                + "\"items\":[{\"apiKey\":[\"k1\",\"k2\"],\"sku\":\"A\"}],\"after\":1}");
    CapturedPayload captured = capture.capture(tree, "output");
    assertThat(captured.payload().json())
        .isEqualTo(
            "{\"credentials\":\"[REDACTED]\",\"items\":[{\"apiKey\":\"[REDACTED]\","
                + "\"sku\":\"A\"}],\"after\":1}");
    assertThat(captured.redacted()).containsExactly("output.credentials", "output.items[0].apiKey");
  }

  @Test
  void rawJsonValuesAreRedactedToo() {
    CapturedPayload captured =
        capture.capture(
            Map.of(
                "raw",
                new com.fasterxml.jackson.databind.util.RawValue("{\"token\":\"t-1\",\"a\":[1]}")),
            "input");
    assertThat(captured.payload().json())
        .isEqualTo("{\"raw\":{\"token\":\"[REDACTED]\",\"a\":[1]}}");
    assertThat(captured.redacted()).containsExactly("input.raw.token");
  }

  @Test
  void configuredPatternsAddToTheBuiltInOnes() {
    PayloadCapture custom =
        PayloadCapture.create(Redaction.withExtra(List.of("ssn", "/^x-internal-.*/")), 1024);
    CapturedPayload captured =
        custom.capture(
            Map.of("ssn", "123-45-6789", "X-Internal-Route", "blue", "password", "p", "name", "n"),
            "output");
    assertThat(captured.redacted())
        .containsExactlyInAnyOrder("output.ssn", "output.X-Internal-Route", "output.password");
    assertThat(captured.payload().json()).contains("\"name\":\"n\"");
  }

  @Test
  void invalidRegexIsRejectedWithThePattern() {
    assertThatThrownBy(() -> Redaction.withExtra(List.of("/[unclosed/")))
        .isInstanceOf(java.util.regex.PatternSyntaxException.class);
  }

  @Test
  void oversizedObjectBecomesAMarkedPreviewWithTheOriginalSize() {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(Map.of("id", "row-" + i));
    }
    CapturedPayload captured = capture.capture(rows, "output");

    assertThat(captured.truncated()).isTrue();
    JsonNode marker = json(captured);
    assertThat(marker.get("truncated").asBoolean()).isTrue();
    assertThat(marker.get("originalSize").asLong()).isGreaterThan(1024);
    assertThat(marker.get("preview").asText()).startsWith("[{\"id\":\"row-0\"},{\"id\":\"row-1\"}");
    assertThat(captured.payload().size()).isLessThanOrEqualTo(1024);
  }

  @Test
  void truncatedPreviewNeverShowsASecretCutAtTheLimit() {
    Map<String, String> value = new LinkedHashMap<>();
    value.put("filler", "x".repeat(990));
    value.put("password", "super-secret-value-that-crosses-the-limit");
    CapturedPayload captured = capture.capture(value, "input");

    assertThat(captured.truncated()).isTrue();
    assertThat(captured.payload().json()).doesNotContain("super-secret");
  }

  @Test
  void oversizedStringKeepsItsOwnStartAsPreviewWithoutABrokenCharacter() {
    CapturedPayload captured = capture.capture("é".repeat(2000), "output");
    JsonNode marker = json(captured);
    assertThat(marker.get("originalSize").asLong()).isEqualTo(2 + 2 * 2000);
    assertThat(marker.get("preview").asText()).startsWith("\"é").doesNotContain("\uFFFD");
    assertThat(marker.get("preview").asText()).matches("\"é{400,511}");
    assertThat(captured.payload().size()).isLessThanOrEqualTo(1024);
  }

  @Test
  void unserialisableValuesBecomeADescribedPlaceholder() {
    CapturedPayload captured = capture.capture(new Exploding(), "input");
    JsonNode placeholder = json(captured);
    assertThat(placeholder.get("unserializable").asText()).isEqualTo(Exploding.class.getName());
    assertThat(placeholder.get("reason").asText()).contains("boom");
  }

  @Test
  void aValueThatFailsInAMapLeavesTheOtherValuesRecordedAndTheirSecretsRedacted() {
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("form", Map.of("user", "ann", "password", "hunter2"));
    arguments.put("result", new Exploding());
    arguments.put("page", 2);

    CapturedPayload captured = capture.capture(arguments, "input");

    JsonNode input = json(captured);
    assertThat(input.at("/form/user").asText()).isEqualTo("ann");
    assertThat(input.at("/form/password").asText()).isEqualTo(Redaction.MARKER);
    assertThat(input.at("/result/unserializable").asText()).isEqualTo(Exploding.class.getName());
    assertThat(input.at("/result/reason").asText()).contains("boom");
    assertThat(input.get("page").asInt()).isEqualTo(2);
    assertThat(captured.redacted()).containsExactly("input.form.password");
  }

  @Test
  void aBackReferenceIsWrittenAsACycleMarkerAndSharedObjectsInFull() {
    Parent parent = new Parent("Maria");
    Child first = new Child("Saga", parent);
    parent.children.add(first);
    parent.children.add(new Child("Bamse", parent));
    Map<String, Object> twice = new LinkedHashMap<>();
    twice.put("a", first);
    twice.put("b", first);

    JsonNode written = json(capture.capture(parent, "output"));
    JsonNode shared = json(capture.capture(twice, "output"));

    assertThat(written.at("/children/1/name").asText()).isEqualTo("Bamse");
    assertThat(written.at("/children/0/parent"))
        .isEqualTo(mapper.createObjectNode().put("cycle", Parent.class.getName()));
    assertThat(shared.at("/b/parent/name").asText())
        .as("an object met twice, but not inside itself, is written in full")
        .isEqualTo("Maria");
  }

  /** A bean whose getter, the first time it is read, records a checkpoint capturing the bean. */
  public static final class SelfCapturing {
    private final PayloadCapture inner;
    private CapturedPayload innerCaptured;

    SelfCapturing(PayloadCapture inner) {
      this.inner = inner;
    }

    public String getName() {
      if (innerCaptured == null) {
        innerCaptured = inner.capture(this, "input");
      }
      return "self";
    }
  }

  @Test
  void aCaptureInsideACaptureWritesInFullABeanTheOuterOneIsWriting() {
    SelfCapturing bean = new SelfCapturing(capture);

    CapturedPayload outer = capture.capture(Map.of("bean", bean), "output");

    assertThat(outer.payload().json()).isEqualTo("{\"bean\":{\"name\":\"self\"}}");
    assertThat(bean.innerCaptured.payload().json())
        .as("the outer capture's path is not the inner one's")
        .isEqualTo("{\"name\":\"self\"}");
  }

  /** A getter that records a checkpoint of its own captures while the outer capture writes. */
  public static final class LazyEntity {
    private final PayloadCapture inner;
    private CapturedPayload innerCaptured;

    LazyEntity(PayloadCapture inner) {
      this.inner = inner;
    }

    public String getLines() {
      innerCaptured = inner.capture(Map.of("sql", "SELECT lines", "password", "p"), "input");
      return "three lines";
    }
  }

  @Test
  void aCaptureInsideACaptureOnTheSameThreadKeepsBothIntactAndEachItsOwnLimit() {
    PayloadCapture small = PayloadCapture.create(Redaction.defaults(), 64);
    LazyEntity entity = new LazyEntity(small);

    CapturedPayload outer = capture.capture(Map.of("order", entity), "output");

    assertThat(outer.payload().json()).isEqualTo("{\"order\":{\"lines\":\"three lines\"}}");
    assertThat(entity.innerCaptured.payload().json())
        .isIn(
            "{\"sql\":\"SELECT lines\",\"password\":\"[REDACTED]\"}",
            "{\"password\":\"[REDACTED]\",\"sql\":\"SELECT lines\"}");
    // The thread's buffer, used by both limits in turn, neither keeps nor cuts at the other's.
    String big = "x".repeat(200);
    assertThat(small.capture(big, "input").truncated()).isTrue();
    assertThat(capture.capture(big, "input").payload().json()).isEqualTo("\"" + big + "\"");
    assertThat(small.capture("short", "input").payload().json()).isEqualTo("\"short\"");
  }

  @Test
  void valuesCapturedOneAfterAnotherOnAThreadAreEachWholeAndReportOnlyTheirOwnRedactions() {
    Map<String, Object> withSecret = new LinkedHashMap<>();
    withSecret.put("user", "ann");
    withSecret.put("password", Map.of("nested", "hunter2"));
    withSecret.put("page", 2);
    assertThat(capture.capture(withSecret, "input").payload().json())
        .isEqualTo("{\"user\":\"ann\",\"password\":\"[REDACTED]\",\"page\":2}");

    CapturedPayload next = capture.capture(List.of("a", 1), "output");
    assertThat(next.payload().json()).isEqualTo("[\"a\",1]");
    assertThat(next.redacted()).isEmpty();

    // A write that fails inside a secret's value and inside an object leaves nothing behind.
    Map<String, Object> failing = new LinkedHashMap<>();
    failing.put("token", Map.of("inner", new Exploding()));
    failing.put("list", List.of(Map.of("deep", new Exploding())));
    capture.capture(failing, "input");
    CapturedPayload after = capture.capture(Map.of("name", "bob"), "input");
    assertThat(after.payload().json()).isEqualTo("{\"name\":\"bob\"}");
    assertThat(after.redacted()).isEmpty();

    assertThat(capture.capture("x".repeat(2000), "input").truncated()).isTrue();
    CapturedPayload small = capture.capture("short", "output");
    assertThat(small.payload().json()).isEqualTo("\"short\"");
    assertThat(small.truncated()).isFalse();
    assertThat(capture.capture(Map.of("secret", "s"), "input").redacted())
        .containsExactly("input.secret");
  }

  @Test
  void nullIsJsonNull() {
    assertThat(capture.capture(null, "output").payload().json()).isEqualTo("null");
  }

  @Test
  void limitBelowTheMinimumIsRejected() {
    assertThatThrownBy(() -> PayloadCapture.create(Redaction.defaults(), 10))
        .hasMessageContaining("at least 64");
  }

  private JsonNode json(CapturedPayload captured) {
    try {
      return mapper.readTree(captured.payload().json());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + captured.payload().json(), e);
    }
  }

  static final class Parent {
    public final String name;
    public final List<Child> children = new ArrayList<>();

    Parent(String name) {
      this.name = name;
    }
  }

  static final class Child {
    public final String name;
    public final Parent parent;

    Child(String name, Parent parent) {
      this.name = name;
      this.parent = parent;
    }
  }

  static final class Exploding {
    public String getValue() {
      throw new IllegalStateException("boom");
    }
  }
}
