package dev.checkpoint.cli.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.NormalisationRule;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.cli.scenario.Noise;
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
    Noise noise = new Noise(List.of("**.requestId"), List.of("output.eta"));
    Asset committed =
        Asset.ofTrees(
            tree("{\"n\": 1}"),
            Normaliser.builder()
                .rule(NormalisationRule.replacePath("/output/old", NoiseRules.LEARNED))
                .rule(NormalisationRule.replacePath("/output/dropped", NoiseRules.CONFIGURED))
                .build());

    Normaliser normaliser = NoiseRules.normaliser(noise, committed, Set.of("/output/n"));

    assertThat(normaliser.rules())
        .containsAll(Normaliser.defaults().rules())
        .contains(
            NormalisationRule.replacePath("/output/eta", NoiseRules.CONFIGURED),
            NormalisationRule.replacePath("/output/old", NoiseRules.LEARNED),
            NormalisationRule.replacePath("/output/n", NoiseRules.LEARNED))
        .doesNotContain(NormalisationRule.replacePath("/output/dropped", NoiseRules.CONFIGURED));
    assertThat(normaliser.detectors()).isEqualTo(Normaliser.defaults().detectors());
    assertThat(
            NoiseRules.diff(noise)
                .compare(tree("{\"requestId\": 1}"), tree("{\"requestId\": 2}"))
                .isEmpty())
        .isTrue();
  }

  private static List<CheckpointNode> tree(String output) throws IOException {
    return CheckpointTrees.assemble(
        List.of(
            ServerClient.JSON.readTree(
                "{\"id\": \"b7ad6b7169203331\", \"traceId\": \"0af7651916cd43dd8448eb211c80319c\","
                    + " \"service\": \"s\", \"kind\": \"METHOD\", \"name\": \"m\", \"input\": {},"
                    + " \"output\": "
                    + output
                    + "}")));
  }
}
