package dev.checkpoint.cli.internal.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values from SnakeYAML nodes and collects every problem with its position, so a
 * scenario file's mistakes are reported together, each as {@code file:line:column: message}.
 */
final class YamlReader {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

  private final Path file;
  private final List<String> problems = new ArrayList<>();

  YamlReader(Path file) {
    this.file = file;
  }

  List<String> problems() {
    return problems;
  }

  void problem(Node node, String message) {
    problems.add(position(node) + message);
  }

  String position(Node node) {
    return node == null
        ? file + ": "
        : file
            + ":"
            + (node.getStartMark().getLine() + 1)
            + ":"
            + (node.getStartMark().getColumn() + 1)
            + ": ";
  }

  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  /**
   * The entries of a mapping, checking every key against the allowed ones.
   *
   * @return the entries by key, or {@code null} when the node is not a mapping
   */
  Map<String, Node> mapping(Node node, String what, Collection<String> allowed) {
    if (!(node instanceof MappingNode mapping)) {
      problem(node, what + " must be a mapping of keys to values, but is " + describe(node) + ".");
      return null;
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
      if (key == null) {
        problem(tuple.getKeyNode(), "keys in " + what + " must be plain names.");
      } else if (!allowed.contains(key)) {
        problem(tuple.getKeyNode(), unknownKey(key, what, allowed));
      } else if (entries.putIfAbsent(key, tuple.getValueNode()) != null) {
        problem(tuple.getKeyNode(), "'" + key + "' appears twice in " + what + "; keep one.");
      }
    }
    return entries;
  }

  private static String unknownKey(String key, String what, Collection<String> allowed) {
    String closest = closest(key, allowed);
    return "unknown key '"
        + key
        + "' in "
        + what
        + "."
        + (closest == null ? "" : " Did you mean '" + closest + "'?")
        + " Allowed keys: "
        + String.join(", ", allowed)
        + ".";
  }

  /** The allowed name within two edits of {@code key}, if any: the likely typo. */
  static String closest(String key, Collection<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int distance = distance(key.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  List<Node> sequence(Node node, String what) {
    if (!(node instanceof SequenceNode sequence)) {
      problem(
          node,
          what + " must be a list (lines starting with '- '), but is " + describe(node) + ".");
      return List.of();
    }
    return sequence.getValue();
  }

  String string(Node node, String what) {
    if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
      problem(node, what + " must be a text value, but is " + describe(node) + ".");
      return null;
    }
    return scalar.getValue();
  }

  String requiredString(Map<String, Node> entries, String key, Node owner, String what) {
    Node node = entries.get(key);
    if (node == null) {
      problem(owner, what + " needs '" + key + "'.");
      return null;
    }
    String value = string(node, "'" + key + "' in " + what);
    if (value != null && value.isBlank()) {
      problem(node, "'" + key + "' in " + what + " must not be empty.");
      return null;
    }
    return value;
  }

  String optionalString(Map<String, Node> entries, String key, String what) {
    Node node = entries.get(key);
    return node == null ? null : string(node, "'" + key + "' in " + what);
  }

  Integer integer(Node node, String what, int min, int max) {
    String text = string(node, what);
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the accepted range.
    }
    problem(
        node,
        what + " must be a whole number from " + min + " to " + max + ", but is '" + text + "'.");
    return null;
  }

  Duration duration(Node node, String what) {
    String text = string(node, what);
    if (text == null) {
      return null;
    }
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches()) {
      problem(node, what + " must be a duration such as 500ms, 10s or 2m, but is '" + text + "'.");
      return null;
    }
    try {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMinutes(amount);
      };
    } catch (NumberFormatException | ArithmeticException e) {
      problem(
          node, what + " is too long: '" + text + "'; give a duration such as 500ms, 10s or 2m.");
      return null;
    }
  }

  List<String> strings(Node node, String what) {
    if (node instanceof ScalarNode) {
      String single = string(node, what);
      return single == null ? List.of() : List.of(single);
    }
    List<String> values = new ArrayList<>();
    for (Node item : sequence(node, what)) {
      String value = string(item, "each entry of " + what);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  Map<String, String> stringMap(Node node, String what) {
    if (!(node instanceof MappingNode mapping)) {
      problem(node, what + " must be a mapping of names to values, but is " + describe(node) + ".");
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = string(tuple.getKeyNode(), "a key in " + what);
      String value = string(tuple.getValueNode(), "the value of '" + key + "' in " + what);
      if (key != null && value != null) {
        values.put(key, value);
      }
    }
    return values;
  }

  /**
   * The most values a JSON body may hold once its aliases are expanded: SnakeYAML caps the aliases
   * a file may use at 50, but each may repeat a value that itself repeats others, doubling at every
   * step.
   */
  static final int MAX_JSON_VALUES = 100_000;

  /**
   * Converts a YAML value into JSON, keeping numbers, booleans and nulls typed. An alias to a list
   * or mapping that contains it, or aliases expanding to more than {@link #MAX_JSON_VALUES} values,
   * is a problem and gives null instead of recursing without end.
   */
  JsonNode json(Node node) {
    return new JsonConversion(node).json(node);
  }

  /** One conversion: the lists and mappings being converted, and the values built so far. */
  private final class JsonConversion {
    private final Node root;
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private int values;
    private boolean failed;

    JsonConversion(Node root) {
      this.root = root;
    }

    JsonNode json(Node node) {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      if (failed) {
        return nodes.nullNode();
      }
      if (++values > MAX_JSON_VALUES) {
        return fail(
            root,
            "this JSON value expands to more than "
                + MAX_JSON_VALUES
                + " values through its aliases (*name); write it out or use fewer aliases.");
      }
      if (node instanceof MappingNode || node instanceof SequenceNode) {
        if (!open.add(node)) {
          return fail(
              node,
              "this list or mapping contains an alias (*name) to itself; a JSON value cannot"
                  + " contain itself: refer to a value outside it or write it out.");
        }
        JsonNode converted = container(node, nodes);
        open.remove(node);
        return converted;
      }
      return scalar((ScalarNode) node, nodes);
    }

    private JsonNode fail(Node node, String message) {
      failed = true;
      problem(node, message);
      return JsonNodeFactory.instance.nullNode();
    }

    private JsonNode container(Node node, JsonNodeFactory nodes) {
      if (node instanceof MappingNode mapping) {
        ObjectNode object = nodes.objectNode();
        for (NodeTuple tuple : mapping.getValue()) {
          String key = string(tuple.getKeyNode(), "a JSON key");
          if (key != null) {
            object.set(key, json(tuple.getValueNode()));
          }
        }
        return object;
      }
      ArrayNode array = nodes.arrayNode();
      ((SequenceNode) node).getValue().forEach(item -> array.add(json(item)));
      return array;
    }
  }

  private static JsonNode scalar(ScalarNode scalar, JsonNodeFactory nodes) {
    Tag tag = scalar.getTag();
    String text = scalar.getValue();
    if (tag.equals(Tag.NULL)) {
      return nodes.nullNode();
    }
    if (tag.equals(Tag.BOOL)) {
      return nodes.booleanNode(Boolean.parseBoolean(text.toLowerCase()));
    }
    if (tag.equals(Tag.INT)) {
      try {
        return nodes.numberNode(Long.parseLong(text));
      } catch (NumberFormatException e) {
        return nodes.textNode(text);
      }
    }
    if (tag.equals(Tag.FLOAT)) {
      try {
        return nodes.numberNode(new java.math.BigDecimal(text));
      } catch (NumberFormatException e) {
        return nodes.textNode(text);
      }
    }
    return nodes.textNode(text);
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof ScalarNode scalar) {
      return scalar.getTag().equals(Tag.NULL) ? "empty" : "'" + scalar.getValue() + "'";
    }
    return "missing";
  }
}
