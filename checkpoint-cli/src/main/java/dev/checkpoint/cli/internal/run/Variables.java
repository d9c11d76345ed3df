package dev.checkpoint.cli.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${name}} values of one scenario run: the scenario's variables, the brokers' URIs, the
 * services' base URLs and ports, {@code run_id}, and what steps capture.
 */
final class Variables {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

  private final Map<String, String> values = new HashMap<>();

  Variables(Map<String, String> initial) {
    values.putAll(initial);
  }

  void put(String name, String value) {
    values.put(name, value);
  }

  /** A copy with one more value, for one run's steps to capture into. */
  Variables with(String name, String value) {
    Variables copy = new Variables(values);
    copy.put(name, value);
    return copy;
  }

  /** Substitutes inside each value, such as a service's environment. */
  Map<String, String> substitute(Map<String, String> texts) {
    Map<String, String> substituted = new HashMap<>();
    texts.forEach((name, text) -> substituted.put(name, substitute(text)));
    return substituted;
  }

  static boolean hasReference(String text) {
    return REFERENCE.matcher(text).find();
  }

  /**
   * Replaces every reference. The parser has checked that each is defined by the time it is used,
   * so a missing one means a capture of an earlier step found nothing, which that step reports.
   */
  String substitute(String text) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new RunFailure("${" + matcher.group(1) + "} has no value in this run.");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Substitutes inside every string of a JSON value, keys included. */
  JsonNode substitute(JsonNode json) {
    if (json.isTextual()) {
      return TextNode.valueOf(substitute(json.textValue()));
    }
    if (json.isObject()) {
      ObjectNode copy = ((ObjectNode) json).objectNode();
      json.properties().forEach(e -> copy.set(substitute(e.getKey()), substitute(e.getValue())));
      return copy;
    }
    if (json.isArray()) {
      ArrayNode copy = ((ArrayNode) json).arrayNode();
      json.forEach(element -> copy.add(substitute(element)));
      return copy;
    }
    return json;
  }
}
