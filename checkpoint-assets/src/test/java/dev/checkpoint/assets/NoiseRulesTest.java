package dev.checkpoint.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoiseRulesTest {

  @Test
  void scenarioPathsBecomeJsonPointers() {
    assertThat(NoiseRules.pointer("output.body.eta")).isEqualTo("/output/body/eta");
    assertThat(NoiseRules.pointer("**.requestId")).isEqualTo("/**/requestId");
    assertThat(NoiseRules.pointer("/input/headers/x-id")).isEqualTo("/input/headers/x-id");
  }

  @Test
  void learnsThePathsThatDifferBetweenTwoRecordings() throws IOException {
    Set<String> learned =
        NoiseRules.learn(tree("{\"n\": 1, \"same\": \"a\"}"), tree("{\"n\": 2, \"same\": \"a\"}"));

    assertThat(learned).containsExactly("/output/n");
  }

  @Test
  void theNormaliserCombinesDefaultsScenarioRulesAndLearnedNoiseKeptInTheAsset()
      throws IOException {
    Asset committed =
        Asset.ofTrees(
            tree("{\"n\": 1}"),
            Normaliser.builder()
                .rule(NormalisationRule.replacePath("/output/old", NoiseRules.LEARNED))
                .rule(NormalisationRule.replacePath("/output/dropped", NoiseRules.CONFIGURED))
                .build());

    NoiseRules rules =
        NoiseRules.of(
            List.of("output.eta"), List.of("**.requestId"), committed, Set.of("/output/n"));
    Normaliser normaliser = rules.normaliser();

    assertThat(normaliser.rules())
        .containsAll(Normaliser.defaults().rules())
        .contains(
            NormalisationRule.replacePath("/output/eta", NoiseRules.CONFIGURED),
            NormalisationRule.replacePath("/output/old", NoiseRules.LEARNED),
            NormalisationRule.replacePath("/output/n", NoiseRules.LEARNED))
        .doesNotContain(NormalisationRule.replacePath("/output/dropped", NoiseRules.CONFIGURED));
    assertThat(normaliser.detectors()).isEqualTo(Normaliser.defaults().detectors());
    assertThat(
            rules.diff().compare(tree("{\"requestId\": 1}"), tree("{\"requestId\": 2}")).isEmpty())
        .isTrue();
  }

  @Test
  void rulesTravelAsJsonAndCombine() throws IOException {
    NoiseRules step =
        NoiseRules.of(List.of("output.eta"), List.of("**.requestId"), null, Set.of("/output/n"));
    NoiseRules other = NoiseRules.of(List.of(), List.of("/output/at"), null, Set.of("/output/m"));

    NoiseRules both = step.and(other);

    assertThat(NoiseRules.fromJson(both.toJson(), "run r")).isEqualTo(both);
    assertThat(both.ignoredPaths()).containsExactly("/**/requestId", "/output/at");
    assertThat(both.normaliser().rules())
        .contains(
            NormalisationRule.replacePath("/output/n", NoiseRules.LEARNED),
            NormalisationRule.replacePath("/output/m", NoiseRules.LEARNED));
    assertThat(both.diff().compare(tree("{\"at\": 1}"), tree("{\"at\": 2}")).isEmpty()).isTrue();
    assertThat(NoiseRules.defaults().normaliser()).isEqualTo(Normaliser.defaults());
  }

  @Test
  void badRulesNameWhatIsWrong() throws IOException {
    ObjectMapper json = new ObjectMapper();
    assertThatThrownBy(() -> NoiseRules.fromJson(json.readTree("{\"ignore\": []}"), "run r"))
        .isInstanceOf(AssetFormatException.class)
        .hasMessage(
            "run r has no normalisation. Noise rules are {\"normalisation\": {...}, \"ignore\":"
                + " [JSON Pointers]}.");
    assertThatThrownBy(
            () ->
                NoiseRules.fromJson(
                    json.readTree(
                        "{\"normalisation\": {\"detectors\": [\"ulid\"], \"rules\": []}}"),
                    "run r"))
        .hasMessage(
            "run r: /normalisation/detectors/0 is \"ulid\", which is not a detector. Use one of"
                + " duration, id, port, timestamp, uuid.");
    assertThatThrownBy(
            () ->
                NoiseRules.fromJson(
                    json.readTree(
                        "{\"normalisation\": {\"detectors\": [], \"rules\": []},"
                            + " \"ignore\": [\"output.x\"]}"),
                    "run r"))
        .hasMessageContaining("/ignore has \"output.x\", not a JSON Pointer");
  }

  private static List<CheckpointNode> tree(String output) throws IOException {
    return CheckpointTrees.assemble(
        List.of(
            new ObjectMapper()
                .readTree(
                    "{\"id\": \"b7ad6b7169203331\", \"traceId\": \"0af7651916cd43dd8448eb211c80319c\","
                        + " \"service\": \"s\", \"kind\": \"METHOD\", \"name\": \"m\", \"input\": {},"
                        + " \"output\": "
                        + output
                        + "}")));
  }
}
