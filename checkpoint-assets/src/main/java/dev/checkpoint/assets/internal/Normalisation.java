package dev.checkpoint.assets.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.Detector;
import dev.checkpoint.assets.NormalisationRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Applies rules, then detectors, to every value of a JSON tree, and marks what is noise. */
public final class Normalisation {

  /* The detectors' placeholders that may stand inside a longer text, as in "/orders/<uuid>". */
  private static final List<Detector> INSIDE_TEXT = List.of(Detector.UUID, Detector.TIMESTAMP);

  private final List<NormalisationRule> rules;
  private final Set<Detector> detectors;
  private final Set<String> placeholders = new HashSet<>();

  public Normalisation(List<NormalisationRule> rules, Set<Detector> detectors) {
    this.rules = rules;
    this.detectors = detectors;
    rules.forEach(rule -> rule.placeholder().ifPresent(placeholders::add));
    detectors.forEach(detector -> placeholders.add(detector.placeholder()));
  }

  /**
   * The noise in {@code value}: JSON Pointers, each with the placeholder that stands for the value
   * there.
   *
   * @param path the path of {@code value} from the root its rules are written against; the pointers
   *     start at that root too
   * @param key the name of the field holding {@code value}, or {@code null} at the root
   */
  public Map<String, String> marks(JsonNode value, List<String> path, String key) {
    Map<String, String> marks = new TreeMap<>();
    mark(value, new ArrayList<>(path), key, marks);
    return marks;
  }

  private void mark(JsonNode value, ArrayList<String> path, String key, Map<String, String> out) {
    for (NormalisationRule rule : rules) {
      if (rule.matches(path, key)) {
        Optional<String> placeholder = rule.placeholder();
        placeholder.ifPresent(text -> out.put(NoiseMarks.pointer(path), text));
        return;
      }
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        path.add(field.getKey());
        mark(field.getValue(), path, field.getKey(), out);
        path.remove(path.size() - 1);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        path.add(Integer.toString(i));
        mark(value.get(i), path, key, out);
        path.remove(path.size() - 1);
      }
    } else {
      JsonNode replacement = NoiseDetectors.replace(detectors, key, value);
      if (replacement != null) {
        out.put(NoiseMarks.pointer(path), replacement.textValue());
      } else if (isPlaceholder(value)) {
        out.put(NoiseMarks.pointer(path), value.textValue());
      }
    }
  }

  /*
   * Assets of format version 1 replaced noise with its placeholder in place; such a value is
   * marked as the noise it stands for, so that those assets compare as they always did.
   */
  private boolean isPlaceholder(JsonNode value) {
    if (!value.isTextual()) {
      return false;
    }
    String text = value.textValue();
    if (placeholders.contains(text)) {
      return true;
    }
    for (Detector detector : INSIDE_TEXT) {
      if (detectors.contains(detector) && text.contains(detector.placeholder())) {
        return true;
      }
    }
    return false;
  }
}
