package dev.checkpoint.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.internal.NoiseMarks;
import dev.checkpoint.assets.internal.Normalisation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the noise in recorded values: what differs between two runs of the same scenario on the
 * same code, so that it is marked beside the values and never counts as a difference. Values are
 * never changed: replay still has them to return.
 *
 * <p>For every value, the {@linkplain NormalisationRule rules} are tried in order and the first
 * that matches decides: it marks the value as noise with its placeholder, or keeps it as data.
 * Scalars no rule matches are offered to the {@linkplain Detector detectors}. Objects and arrays no
 * rule matches are walked into. A text that is a placeholder already (assets of format version 1
 * replaced noise in place) is marked as the noise it stands for.
 *
 * <p>In a checkpoint, the {@code input}, {@code output}, {@code error} and {@code attributes} are
 * normalised; paths start at the checkpoint, such as {@code /output/body/createdAt}. Service, kind
 * and name are left alone: they make up the key.
 *
 * <p>Normalisation is deterministic and idempotent: normalising a normalised checkpoint marks the
 * same noise again.
 *
 * <pre>{@code
 * Normaliser normaliser = Normaliser.builder()
 *     .allDetectors()
 *     .rule(NormalisationRule.keepPath("/input/productId"))
 *     .rule(NormalisationRule.replaceKey("*Token", "<token>"))
 *     .build();
 * NoisyValue output = normaliser.normalise("output", json);
 * }</pre>
 */
public final class Normaliser {

  private static final List<String> NORMALISED_FIELDS =
      List.of("input", "output", "error", "attributes");

  private static final Normaliser DEFAULTS =
      builder()
          .allDetectors()
          .rule(NormalisationRule.replaceKey("traceparent", "<trace-context>"))
          .rule(NormalisationRule.replaceKey("tracestate", "<trace-context>"))
          .rule(NormalisationRule.replaceKey("baggage", "<trace-context>"))
          .build();

  private final List<NormalisationRule> rules;
  private final Set<Detector> detectors;
  private final Normalisation normalisation;

  private Normaliser(List<NormalisationRule> rules, Set<Detector> detectors) {
    this.rules = List.copyOf(rules);
    this.detectors =
        Collections.unmodifiableSet(
            detectors.isEmpty() ? EnumSet.noneOf(Detector.class) : EnumSet.copyOf(detectors));
    this.normalisation = new Normalisation(this.rules, this.detectors);
  }

  /**
   * All detectors, and rules that replace the W3C trace context headers ({@code traceparent},
   * {@code tracestate}, {@code baggage}), which carry new ids on every call.
   *
   * @return the default normaliser
   */
  public static Normaliser defaults() {
    return DEFAULTS;
  }

  /**
   * A normaliser that changes nothing.
   *
   * @return a normaliser without rules or detectors
   */
  public static Normaliser none() {
    return new Normaliser(List.of(), Set.of());
  }

  /**
   * Starts an empty configuration: no rules, no detectors.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The rules, in the order they are tried.
   *
   * @return an unmodifiable list
   */
  public List<NormalisationRule> rules() {
    return rules;
  }

  /**
   * The enabled detectors.
   *
   * @return an unmodifiable set
   */
  public Set<Detector> detectors() {
    return detectors;
  }

  /**
   * Finds the noise in a plain JSON value; paths of rules start at the value itself.
   *
   * @param value the value
   * @return the value with its noise marked
   */
  public NoisyValue normalise(JsonNode value) {
    Objects.requireNonNull(value, "value");
    return NoisyValue.shared(
        value.deepCopy(), NoiseMarks.copy(normalisation.marks(value, List.of(), null)));
  }

  /**
   * Finds the noise in a value as one field of a checkpoint, so that path rules such as {@code
   * /output/body/id} apply to it: for example a component's actual output before it is compared
   * with a recorded one.
   *
   * @param field the checkpoint field the value stands for: {@code input}, {@code output}, {@code
   *     error} or {@code attributes}
   * @param value the value
   * @return the value with its noise marked, pointers from the value ({@code /body/id})
   * @throws IllegalArgumentException when {@code field} is not one of those
   */
  public NoisyValue normalise(String field, JsonNode value) {
    Objects.requireNonNull(value, "value");
    if (!NORMALISED_FIELDS.contains(field)) {
      throw new IllegalArgumentException(
          "'" + field + "' is not a normalised checkpoint field; use one of " + NORMALISED_FIELDS);
    }
    return NoisyValue.shared(
        value.deepCopy(),
        NoiseMarks.under(normalisation.marks(value, List.of(field), field), field));
  }

  /**
   * Marks the noise of a checkpoint and all its descendants, replacing the noise marked before.
   *
   * @param node the checkpoint
   * @return the checkpoint with the same keys, ids and values, and the noise this normaliser finds
   */
  public CheckpointNode normalise(CheckpointNode node) {
    Objects.requireNonNull(node, "node");
    ObjectNode fields = node.sharedFields();
    Map<String, String> noise = new TreeMap<>();
    for (String field : NORMALISED_FIELDS) {
      JsonNode value = fields.get(field);
      if (value != null) {
        noise.putAll(normalisation.marks(value, List.of(field), field));
      }
    }
    return node.with(noise, normalise(node.children()), true);
  }

  /**
   * Normalises checkpoints and all their descendants.
   *
   * @param nodes the checkpoints
   * @return normalised copies, in the same order
   */
  public List<CheckpointNode> normalise(List<CheckpointNode> nodes) {
    List<CheckpointNode> normalised = new ArrayList<>(nodes.size());
    for (CheckpointNode node : nodes) {
      normalised.add(normalise(node));
    }
    return List.copyOf(normalised);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Normaliser that
        && rules.equals(that.rules)
        && detectors.equals(that.detectors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rules, detectors);
  }

  @Override
  public String toString() {
    return "Normaliser[rules=" + rules + ", detectors=" + detectors + "]";
  }

  /** Collects rules and detectors. */
  public static final class Builder {
    private final List<NormalisationRule> rules = new ArrayList<>();
    private final Set<Detector> detectors = EnumSet.noneOf(Detector.class);

    private Builder() {}

    /**
     * Adds a rule, tried after those added before.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder rule(NormalisationRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Adds rules in order.
     *
     * @param rules the rules
     * @return this builder
     */
    public Builder rules(Collection<NormalisationRule> rules) {
      rules.forEach(this::rule);
      return this;
    }

    /**
     * Enables a detector.
     *
     * @param detector the detector
     * @return this builder
     */
    public Builder detector(Detector detector) {
      detectors.add(Objects.requireNonNull(detector, "detector"));
      return this;
    }

    /**
     * Enables every detector.
     *
     * @return this builder
     */
    public Builder allDetectors() {
      detectors.addAll(EnumSet.allOf(Detector.class));
      return this;
    }

    /**
     * Creates the normaliser.
     *
     * @return a normaliser with the rules and detectors given so far
     */
    public Normaliser build() {
      return new Normaliser(rules, detectors);
    }
  }
}
