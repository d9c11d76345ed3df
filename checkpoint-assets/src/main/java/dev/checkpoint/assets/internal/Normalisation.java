package dev.checkpoint.assets.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.checkpoint.assets.Detector;
import dev.checkpoint.assets.NormalisationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Applies rules, then detectors, to every value of a JSON tree. */
public final class Normalisation {

  private final List<NormalisationRule> rules;
  private final Set<Detector> detectors;

  public Normalisation(List<NormalisationRule> rules, Set<Detector> detectors) {
    this.rules = rules;
    this.detectors = detectors;
  }

  /**
   * A normalised copy of {@code value}.
   *
   * @param path the path of {@code value} from the root its rules are written against
   * @param key the name of the field holding {@code value}, or {@code null} at the root
   */
  public JsonNode apply(JsonNode value, List<String> path, String key) {
    return apply(value, new ArrayList<>(path), key);
  }

  private JsonNode apply(JsonNode value, ArrayList<String> path, String key) {
    for (NormalisationRule rule : rules) {
      if (rule.matches(path, key)) {
        Optional<String> placeholder = rule.placeholder();
        return placeholder.isPresent() ? TextNode.valueOf(placeholder.get()) : value.deepCopy();
      }
    }
    if (value.isObject()) {
      ObjectNode copy = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        path.add(field.getKey());
        copy.set(field.getKey(), apply(field.getValue(), path, field.getKey()));
        path.remove(path.size() - 1);
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = Json.NODES.arrayNode(value.size());
      for (int i = 0; i < value.size(); i++) {
        path.add(Integer.toString(i));
        copy.add(apply(value.get(i), path, key));
        path.remove(path.size() - 1);
      }
      return copy;
    }
    JsonNode replacement = NoiseDetectors.replace(detectors, key, value);
    return replacement == null ? value.deepCopy() : replacement;
  }
}
