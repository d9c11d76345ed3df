package dev.checkpoint.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.CheckpointKey;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.StructuralDiff;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class CheckpointAssertionsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  record Receipt(String number, Instant paidAt, List<String> items) {}

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void passesWhenTheValueMatches() throws Exception {
    Receipt receipt = new Receipt("R-1", Instant.parse("2026-11-23T10:00:00Z"), List.of("a"));

    assertThatCode(
            () ->
                CheckpointAssertions.assertMatchesRecorded(
                    receipt,
                    json(
                        "{\"items\":[\"a\"],\"number\":\"R-1\",\"paidAt\":\"2026-11-23T10:00:00Z\"}")))
        .doesNotThrowAnyException();
  }

  @Test
  void failsListingEveryChangedPathWithExpectedAndActual() throws Exception {
    JsonNode expected = json("{\"items\":[\"a\",\"b\"],\"number\":\"R-1\"}");

    assertThatThrownBy(
            () ->
                CheckpointAssertions.assertMatchesRecorded(
                    Map.of("items", List.of("a", "x", "b"), "number", "R-2"), expected))
        .isInstanceOfSatisfying(
            AssertionFailedError.class,
            error -> {
              assertThat(error.isExpectedDefined()).isTrue();
              assertThat(error.getExpected().getStringRepresentation())
                  .isEqualTo("{\n  \"items\" : [ \"a\", \"b\" ],\n  \"number\" : \"R-1\"\n}");
            })
        .hasMessage(
            """
            Value does not match the expected JSON:
            2 differences
            + /items/1: "x"
            ~ /number: "R-1" -> "R-2\"""");
  }

  @Test
  void normalisesTheActualValueLikeTheAssetAndAppliesIgnoreRules() throws Exception {
    CheckpointNode recorded =
        CheckpointNode.of(
            CheckpointKey.parse("shop/METHOD/Clock.tick#0"),
            json(
                "{\"service\":\"shop\",\"kind\":\"METHOD\",\"name\":\"Clock.tick\",\"input\":null,"
                    + "\"output\":{\"count\":1,\"id\":\"3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8\"}}"),
            List.of());
    Asset asset = Asset.ofTrees(List.of(recorded), Normaliser.defaults());
    RecordedCall call = RecordedCall.of("clock.json", 1, asset, asset.checkpoints().get(0));
    Map<String, Object> actual = Map.of("count", 2, "id", UUID.randomUUID().toString());

    assertThatCode(
            () ->
                CheckpointAssertions.assertMatchesRecorded(
                    actual, call, StructuralDiff.builder().ignorePath("/count").build()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> CheckpointAssertions.assertMatchesRecorded(actual, call))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            """
            Output of Clock.tick does not match the recording clock.json #1 \
            (shop/METHOD/Clock.tick#0):
            1 difference
            ~ /count: 1 -> 2""");
    assertThat(call.output(JsonNode.class).get("id").asText())
        .as("the asset keeps the recorded value beside its noise")
        .isEqualTo("3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8");
    assertThat(call.checkpoint().noise()).containsEntry("/output/id", "<uuid>");
  }
}
