package dev.checkpoint.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.internal.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The noise of a scenario: what the normaliser marks (the built-in detectors, the scenario's {@code
 * noise.normalise} paths, and the noise learned by running a step twice) and which paths the diff
 * leaves out (the scenario's {@code noise.ignore} paths). The scenario runner compares steps with
 * them and stores them with each run, so that the server compares and exports those runs the same
 * way.
 *
 * <p>Learned noise travels in the step's asset, as normalisation rules that mark the value as noise
 * {@value #LEARNED}, so that it goes into code review and into every later run.
 */
public final class NoiseRules {
  /** The placeholder of learned noise; rules with it are carried over from the committed asset. */
  public static final String LEARNED = "<noise>";

  /** The placeholder of the scenario's {@code noise.normalise} paths. */
  public static final String CONFIGURED = "<normalised>";

  private static final NoiseRules DEFAULTS = new NoiseRules(Normaliser.defaults(), List.of());

  private final Normaliser normaliser;
  private final List<String> ignoredPaths;

  private NoiseRules(Normaliser normaliser, List<String> ignoredPaths) {
    this.normaliser = normaliser;
    this.ignoredPaths = List.copyOf(ignoredPaths);
  }

  /**
   * The built-in detectors and rules only.
   *
   * @return the default rules
   */
  public static NoiseRules defaults() {
    return DEFAULTS;
  }

  /**
   * The rules of a scenario step: defaults, then the scenario's rules, then learned noise (from the
   * committed asset and from this run).
   *
   * @param normalise the scenario's {@code noise.normalise} paths, such as {@code output.body.eta},
   *     {@code **.requestId} or a JSON Pointer
   * @param ignore the scenario's {@code noise.ignore} paths
   * @param committed the step's committed asset, or {@code null}
   * @param learnedNow JSON Pointers learned as noise in this run
   * @return the rules
   */
  public static NoiseRules of(
      Collection<String> normalise,
      Collection<String> ignore,
      Asset committed,
      Collection<String> learnedNow) {
    Set<NormalisationRule> rules = new LinkedHashSet<>(Normaliser.defaults().rules());
    normalise.forEach(path -> rules.add(NormalisationRule.replacePath(pointer(path), CONFIGURED)));
    if (committed != null) {
      committed.normaliser().rules().stream()
          .filter(rule -> rule.placeholder().filter(LEARNED::equals).isPresent())
          .forEach(rules::add);
    }
    learnedNow.forEach(path -> rules.add(NormalisationRule.replacePath(path, LEARNED)));
    return new NoiseRules(
        Normaliser.builder().allDetectors().rules(List.copyOf(rules)).build(),
        ignore.stream().map(NoiseRules::pointer).toList());
  }

  /**
   * What marks the noise.
   *
   * @return the normaliser
   */
  public Normaliser normaliser() {
    return normaliser;
  }

  /**
   * The paths the diff leaves out, as JSON Pointers.
   *
   * @return the paths
   */
  public List<String> ignoredPaths() {
    return ignoredPaths;
  }

  /**
   * The diff with the ignored paths left out.
   *
   * @return the diff
   */
  public StructuralDiff diff() {
    StructuralDiff.Builder diff = StructuralDiff.builder();
    ignoredPaths.forEach(diff::ignorePath);
    return diff.build();
  }

  /**
   * These rules and another's together, for the trees of several steps read as one run.
   *
   * @param other the other rules
   * @return the union: every detector, rule and ignored path of either
   */
  public NoiseRules and(NoiseRules other) {
    Objects.requireNonNull(other, "other");
    Set<NormalisationRule> rules = new LinkedHashSet<>(normaliser.rules());
    rules.addAll(other.normaliser.rules());
    Normaliser.Builder union = Normaliser.builder().rules(List.copyOf(rules));
    normaliser.detectors().forEach(union::detector);
    other.normaliser.detectors().forEach(union::detector);
    Set<String> ignored = new LinkedHashSet<>(ignoredPaths);
    ignored.addAll(other.ignoredPaths);
    return new NoiseRules(union.build(), List.copyOf(ignored));
  }

  /**
   * The paths whose values differ between two recordings of the same step on the same code.
   *
   * @param first the first recording, its noise marked
   * @param second the second recording, its noise marked by the same normaliser
   * @return JSON Pointers from the checkpoint, such as {@code /output/body/id}
   */
  public static Set<String> learn(List<CheckpointNode> first, List<CheckpointNode> second) {
    TreeDiff diff = StructuralDiff.defaults().compare(first, second);
    Set<String> paths = new TreeSet<>();
    for (CheckpointChange.Changed changed : diff.changed()) {
      changed.changes().stream().map(ValueChange::path).forEach(paths::add);
    }
    return paths;
  }

  /**
   * A scenario path as a JSON Pointer: {@code output.body.eta} and {@code **.requestId} become
   * {@code /output/body/eta} and {@code /**}{@code /requestId}; a JSON Pointer stays as it is.
   *
   * @param path the path
   * @return the pointer
   */
  public static String pointer(String path) {
    return path.startsWith("/") ? path : "/" + path.replace('.', '/');
  }

  /**
   * The rules as JSON: {@code {"normalisation": {"detectors": [...], "rules": [...]}, "ignore":
   * [...]}}, the normalisation as in the asset format.
   *
   * @return the JSON object
   */
  public JsonNode toJson() {
    ObjectNode json = Json.NODES.objectNode();
    json.set("normalisation", AssetFormat.normalisation(normaliser));
    ArrayNode ignore = json.putArray("ignore");
    ignoredPaths.forEach(ignore::add);
    return json;
  }

  /**
   * Reads rules written by {@link #toJson()}.
   *
   * @param json the JSON object
   * @param source the name used in error messages, such as {@code "noise of run nightly-42"}
   * @return the rules
   * @throws AssetFormatException naming the field that is wrong
   */
  public static NoiseRules fromJson(JsonNode json, String source) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(source, "source");
    String shape = "Noise rules are {\"normalisation\": {...}, \"ignore\": [JSON Pointers]}.";
    if (!json.isObject() || !json.has("normalisation")) {
      throw new AssetFormatException(source, source + " has no normalisation. " + shape, null);
    }
    Normaliser normaliser = AssetFormat.normalisation(json.get("normalisation"), source);
    JsonNode ignore = json.path("ignore");
    List<String> ignored = new ArrayList<>();
    if (!ignore.isMissingNode() && !ignore.isArray()) {
      throw new AssetFormatException(source, source + ": /ignore is not an array. " + shape, null);
    }
    for (JsonNode path : ignore) {
      if (!path.isTextual() || !path.textValue().startsWith("/")) {
        throw new AssetFormatException(
            source, source + ": /ignore has " + path + ", not a JSON Pointer. " + shape, null);
      }
      ignored.add(path.textValue());
    }
    return new NoiseRules(normaliser, ignored);
  }

  /** Rules are equal when their normalisers and ignored paths are. */
  @Override
  public boolean equals(Object other) {
    return other instanceof NoiseRules that
        && normaliser.equals(that.normaliser)
        && ignoredPaths.equals(that.ignoredPaths);
  }

  @Override
  public int hashCode() {
    return Objects.hash(normaliser, ignoredPaths);
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
