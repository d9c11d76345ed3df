package dev.checkpoint.cli.internal.run;

import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.CheckpointChange;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.NormalisationRule;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.TreeDiff;
import dev.checkpoint.assets.ValueChange;
import dev.checkpoint.cli.scenario.Noise;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The noise of a scenario step: the built-in detectors, the scenario's {@code noise} rules, and the
 * noise learned by running the scenario twice. Learned noise is stored in the step's asset, as
 * normalisation rules that replace the value with {@value #LEARNED}, so that it travels with the
 * asset into code review and into every later run.
 */
final class NoiseRules {
  /** The placeholder of learned noise; rules with it are carried over from the committed asset. */
  static final String LEARNED = "<noise>";

  /** The placeholder of the scenario's {@code noise.normalise} paths. */
  static final String CONFIGURED = "<normalised>";

  private NoiseRules() {}

  /**
   * The normaliser of a step: defaults, then the scenario's rules, then learned noise (from the
   * committed asset and from this run).
   */
  static Normaliser normaliser(Noise noise, Asset committed, Set<String> learnedNow) {
    Set<NormalisationRule> rules = new LinkedHashSet<>(Normaliser.defaults().rules());
    noise
        .normalise()
        .forEach(path -> rules.add(NormalisationRule.replacePath(pointer(path), CONFIGURED)));
    if (committed != null) {
      committed.normaliser().rules().stream()
          .filter(rule -> rule.placeholder().filter(LEARNED::equals).isPresent())
          .forEach(rules::add);
    }
    learnedNow.forEach(path -> rules.add(NormalisationRule.replacePath(path, LEARNED)));
    return Normaliser.builder().allDetectors().rules(List.copyOf(rules)).build();
  }

  /** The diff with the scenario's {@code noise.ignore} paths left out. */
  static StructuralDiff diff(Noise noise) {
    StructuralDiff.Builder diff = StructuralDiff.builder();
    noise.ignore().forEach(path -> diff.ignorePath(pointer(path)));
    return diff.build();
  }

  /**
   * The paths whose values differ between two recordings of the same step on the same code.
   *
   * @param first the first recording, normalised
   * @param second the second recording, normalised the same way
   * @return JSON Pointers from the checkpoint, such as {@code /output/body/id}
   */
  static Set<String> learn(List<CheckpointNode> first, List<CheckpointNode> second) {
    TreeDiff diff = StructuralDiff.defaults().compare(first, second);
    Set<String> paths = new TreeSet<>();
    for (CheckpointChange.Changed changed : diff.changed()) {
      changed.changes().stream().map(ValueChange::path).forEach(paths::add);
    }
    return paths;
  }

  /**
   * A scenario path as the assets library wants it: {@code output.body.eta} and {@code
   * **.requestId} become {@code /output/body/eta} and {@code /**}{@code /requestId}; a JSON Pointer
   * stays as it is.
   */
  static String pointer(String path) {
    return path.startsWith("/") ? path : "/" + path.replace('.', '/');
  }
}
