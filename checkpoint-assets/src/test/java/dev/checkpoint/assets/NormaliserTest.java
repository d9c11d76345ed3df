package dev.checkpoint.assets;

import static dev.checkpoint.assets.Wire.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.internal.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormaliserTest {

  private static final Normaliser ALL = Normaliser.builder().allDetectors().build();

  private static String normalised(Normaliser normaliser, String json) {
    return normaliser.normalise(json(json)).normalised().toString();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // UUIDs anywhere, also inside text
        "{\"x\":\"3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8\"}|{\"x\":\"<uuid>\"}",
        "{\"path\":\"/orders/3F2A1C4E-9B7D-4E8A-A1B2-C3D4E5F6A7B8/items\"}|{\"path\":\"/orders/<uuid>/items\"}",
        "{\"x\":\"3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8a\"}|{\"x\":\"3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8a\"}",
        // ISO date-times anywhere, plain dates kept
        "{\"note\":\"paid 2026-11-23T19:26:28.123Z by card\"}|{\"note\":\"paid <timestamp> by card\"}",
        "{\"x\":\"2026-11-23T19:26:28+01:00\"}|{\"x\":\"<timestamp>\"}",
        "{\"x\":\"2026-11-23 19:26\"}|{\"x\":\"<timestamp>\"}",
        "{\"birthday\":\"1990-05-17\"}|{\"birthday\":\"1990-05-17\"}",
        "{\"date\":\"Mon, 23 Nov 2026 19:26:28 GMT\"}|{\"date\":\"<timestamp>\"}",
        // epoch numbers only under time-like keys and in range
        "{\"createdAt\":1763925988}|{\"createdAt\":\"<timestamp>\"}",
        "{\"updated_at\":1763925988123}|{\"updated_at\":\"<timestamp>\"}",
        "{\"startTimeUnixNano\":\"1763925988123456789\"}|{\"startTimeUnixNano\":\"<timestamp>\"}",
        "{\"exp\":1763925988.5}|{\"exp\":\"<timestamp>\"}",
        "{\"amount\":1763925988}|{\"amount\":1763925988}",
        "{\"createdAt\":42}|{\"createdAt\":42}",
        "{\"format\":1763925988}|{\"format\":1763925988}",
        "{\"expiresIn\":3600}|{\"expiresIn\":3600}",
        // durations
        "{\"durationMs\":12.5}|{\"durationMs\":\"<duration>\"}",
        "{\"elapsed\":\"35ms\"}|{\"elapsed\":\"<duration>\"}",
        "{\"responseTimeMs\":87}|{\"responseTimeMs\":\"<duration>\"}",
        "{\"retryAfter\":\"PT0.25S\"}|{\"retryAfter\":\"<duration>\"}",
        "{\"timeout\":30}|{\"timeout\":30}",
        "{\"label\":\"PT\"}|{\"label\":\"PT\"}",
        // generated ids only under id-like keys
        "{\"id\":4711}|{\"id\":\"<id>\"}",
        "{\"orderId\":\"4711\"}|{\"orderId\":\"<id>\"}",
        "{\"customer_ids\":[1,2]}|{\"customer_ids\":[\"<id>\",\"<id>\"]}",
        "{\"generatedKeys\":[[17]]}|{\"generatedKeys\":[[\"<id>\"]]}",
        "{\"quantity\":4711}|{\"quantity\":4711}",
        "{\"id\":\"ord_8f3k\"}|{\"id\":\"ord_8f3k\"}",
        "{\"id\":-1}|{\"id\":-1}",
        "{\"paid\":true,\"note\":null}|{\"paid\":true,\"note\":null}",
        // ports of loopback addresses anywhere, other hosts' ports kept
        "{\"url\":\"http://127.0.0.1:41234/pay?x=1\"}|{\"url\":\"http://127.0.0.1:<port>/pay?x=1\"}",
        "{\"host\":\"localhost:17081\"}|{\"host\":\"localhost:<port>\"}",
        "{\"x\":\"[::1]:8080 and 127.1.2.3:9\"}|{\"x\":\"[::1]:<port> and 127.1.2.3:<port>\"}",
        "{\"host\":\"payments.internal:8080\"}|{\"host\":\"payments.internal:8080\"}",
        "{\"host\":\"10.127.0.0.1:8080\"}|{\"host\":\"10.127.0.0.1:8080\"}",
        "{\"x\":\"127.0.0.1:123456\"}|{\"x\":\"127.0.0.1:123456\"}"
      })
  void detectorsReplaceNoiseAndKeepData(String input, String expected) {
    assertThat(normalised(ALL, input)).isEqualTo(expected);
  }

  @Test
  void numbersBeyondADoubleAreKeptAsWritten() throws Exception {
    String json = "{\"createdAt\":1e400,\"durationMs\":-1e400,\"amount\":12.500,\"n\":1e-400}";

    assertThat(ALL.normalise(Json.MAPPER.readTree(json)).normalised().toString())
        .as("read as assets are read: exactly")
        .isEqualTo(
            "{\"createdAt\":1E+400,\"durationMs\":\"<duration>\",\"amount\":12.500,\"n\":1E-400}");
    assertThat(normalised(ALL, json))
        .as("read as doubles elsewhere: infinite, which no detector takes for noise")
        .isEqualTo(
            "{\"createdAt\":\"Infinity\",\"durationMs\":\"-Infinity\",\"amount\":12.5,\"n\":0.0}");
  }

  @Test
  void onlyEnabledDetectorsApply() {
    Normaliser uuidOnly = Normaliser.builder().detector(Detector.UUID).build();

    assertThat(
            normalised(
                uuidOnly,
                "{\"id\":7,\"createdAt\":\"2026-11-23T19:26:28Z\","
                    + "\"ref\":\"3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8\"}"))
        .isEqualTo("{\"id\":7,\"createdAt\":\"2026-11-23T19:26:28Z\",\"ref\":\"<uuid>\"}");
    assertThat(normalised(Normaliser.none(), "{\"id\":7}")).isEqualTo("{\"id\":7}");
  }

  @Test
  void pathRulesMatchWithWildcards() {
    Normaliser normaliser =
        Normaliser.builder()
            .rule(NormalisationRule.replacePath("/items/*/sku", "<sku>"))
            .rule(NormalisationRule.replacePath("/**/token", "<token>"))
            .rule(NormalisationRule.replacePath("/headers/x-*", "<header>"))
            .build();

    assertThat(
            normalised(
                normaliser,
                "{\"items\":[{\"sku\":\"A\",\"n\":1}],\"a\":{\"b\":{\"token\":{\"v\":1}}},"
                    + "\"token\":\"t\",\"headers\":{\"x-req\":\"r\",\"accept\":\"*/*\"}}"))
        .isEqualTo(
            "{\"items\":[{\"sku\":\"<sku>\",\"n\":1}],\"a\":{\"b\":{\"token\":\"<token>\"}},"
                + "\"token\":\"<token>\",\"headers\":{\"x-req\":\"<header>\",\"accept\":\"*/*\"}}");
  }

  @Test
  void keyRulesIgnoreCaseAndTheFirstMatchingRuleWins() {
    Normaliser normaliser =
        Normaliser.builder()
            .allDetectors()
            .rule(NormalisationRule.keepPath("/input/productId"))
            .rule(NormalisationRule.keepKey("sku"))
            .rule(NormalisationRule.replaceKey("*token", "<token>"))
            .build();

    assertThat(
            normalised(
                normaliser,
                "{\"input\":{\"productId\":42,\"orderId\":43,\"SKU\":\"3f2a1c4e-9b7d-4e8a-a1b2"
                    + "-c3d4e5f6a7b8\",\"AccessToken\":\"abc\"}}"))
        .isEqualTo(
            "{\"input\":{\"productId\":42,\"orderId\":\"<id>\",\"SKU\":\"3f2a1c4e-9b7d-4e8a-a1b2"
                + "-c3d4e5f6a7b8\",\"AccessToken\":\"<token>\"}}");
  }

  @Test
  void normalisesAValueAsACheckpointField() {
    Normaliser normaliser =
        Normaliser.builder()
            .rule(NormalisationRule.replacePath("/output/token", "<token>"))
            .build();

    NoisyValue output = normaliser.normalise("output", json("{\"token\":\"t\"}"));

    assertThat(output.value().toString()).isEqualTo("{\"token\":\"t\"}");
    assertThat(output.noise()).containsExactly(Map.entry("/token", "<token>"));
    assertThat(output.normalised().toString()).isEqualTo("{\"token\":\"<token>\"}");
    assertThatThrownBy(() -> normaliser.normalise("body", json("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'body' is not a normalised checkpoint field; use one of [input, output, error,"
                + " attributes]");
  }

  @Test
  void rejectsAPathPatternWithoutLeadingSlash() {
    assertThatThrownBy(() -> NormalisationRule.replacePath("output/body", "<x>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'output/body' is not a path pattern: it must start with '/', like"
                + " '/output/body/**/createdAt' (a JSON Pointer where '*' matches within one"
                + " segment and '**' any number of segments).");
  }

  @Test
  void isIdempotentAndDeterministic() {
    JsonNode noisy =
        json(
            "{\"id\":12,\"createdAt\":\"2026-11-23T19:26:28Z\",\"tookMs\":3,\"headers\":{"
                + "\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","
                + "\"date\":\"Mon, 23 Nov 2026 19:26:28 GMT\"},\"items\":[{\"itemId\":\"99\","
                + "\"ref\":\"/x/3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8\",\"at\":\"PT1S\"}]}");
    Normaliser normaliser = Normaliser.defaults();

    NoisyValue once = normaliser.normalise(noisy);

    assertThat(once.value()).isEqualTo(noisy);
    assertThat(normaliser.normalise(once.value())).isEqualTo(once);
    assertThat(normaliser.normalise(once.normalised()).normalised())
        .as("placeholders in place, as assets of version 1 have them, are noise as they are")
        .isEqualTo(once.normalised());
    assertThat(once.normalised().toString())
        .isEqualTo(
            "{\"id\":\"<id>\",\"createdAt\":\"<timestamp>\",\"tookMs\":\"<duration>\","
                + "\"headers\":{\"traceparent\":\"<trace-context>\",\"date\":\"<timestamp>\"},"
                + "\"items\":[{\"itemId\":\"<id>\",\"ref\":\"/x/<uuid>\",\"at\":\"<duration>\"}]}");
  }

  @Test
  void normalisesInputOutputErrorAndAttributesOfEveryCheckpoint() {
    ObjectNode root = Wire.method("a", null, "Job.run", 0);
    root.putObject("input").put("id", 1);
    root.putObject("output").put("createdAt", 1763925988);
    root.putObject("error")
        .put("type", "Conflict")
        .put("message", "order 3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8 exists");
    root.putObject("attributes").put("requestId", 5);
    ObjectNode child = Wire.method("b", "a", "Step 3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8", 1);
    child.putObject("input").put("id", 2);
    CheckpointNode tree = CheckpointTrees.assemble(List.of(root, child)).get(0);

    CheckpointNode normalised = Normaliser.defaults().normalise(tree);

    assertThat(normalised.fields()).as("values stay as recorded").isEqualTo(tree.fields());
    assertThat(normalised.noise())
        .containsExactly(
            Map.entry("/attributes/requestId", "<id>"),
            Map.entry("/error/message", "order <uuid> exists"),
            Map.entry("/input/id", "<id>"),
            Map.entry("/output/createdAt", "<timestamp>"));
    assertThat(normalised.normalised().toString())
        .isEqualTo(
            "{\"service\":\"orders\",\"kind\":\"METHOD\",\"name\":\"Job.run\","
                + "\"input\":{\"id\":\"<id>\"},\"output\":{\"createdAt\":\"<timestamp>\"},"
                + "\"error\":{\"type\":\"Conflict\",\"message\":\"order <uuid> exists\"},"
                + "\"attributes\":{\"requestId\":\"<id>\"}}");
    assertThat(normalised.value("output").noise())
        .containsExactly(Map.entry("/createdAt", "<timestamp>"));
    assertThat(normalised.value("output").value().toString())
        .isEqualTo("{\"createdAt\":1763925988}");
    CheckpointNode normalisedChild = normalised.children().get(0);
    assertThat(normalisedChild.input().toString()).isEqualTo("{\"id\":2}");
    assertThat(normalisedChild.noise()).containsExactly(Map.entry("/input/id", "<id>"));
    assertThat(normalisedChild.name()).isEqualTo("Step 3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8");
    assertThat(normalisedChild.id()).contains("b");
    assertThat(tree.noise()).isEmpty();
    assertThat(Normaliser.defaults().normalise(normalised)).isEqualTo(normalised);
  }
}
