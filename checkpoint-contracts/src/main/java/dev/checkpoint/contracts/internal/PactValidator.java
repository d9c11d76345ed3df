package dev.checkpoint.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.contracts.ContractException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a Pact V4 file before it is written, for what a verifier rejects or what would leak: the
 * specification version, each interaction's required fields, every matching rule leading to a value
 * its matcher accepts, and no {@code [REDACTED]} placeholder compared as a literal.
 */
public final class PactValidator {
  private PactValidator() {}

  /**
   * Validates a pact.
   *
   * @param name the pair's name, for messages
   * @param pact the pact
   * @throws ContractException listing every problem found
   */
  public static void validate(String name, JsonNode pact) {
    List<String> problems = new ArrayList<>();
    if (!"4.0".equals(pact.at("/metadata/pactSpecification/version").asText())) {
      problems.add("metadata.pactSpecification.version is not \"4.0\"");
    }
    for (String party : List.of("consumer", "provider")) {
      if (pact.path(party).path("name").asText("").isBlank()) {
        problems.add(party + ".name is missing");
      }
    }
    JsonNode interactions = pact.path("interactions");
    if (!interactions.isArray() || interactions.isEmpty()) {
      problems.add("it has no interactions");
    }
    for (JsonNode interaction : interactions) {
      String at = "interaction '" + interaction.path("description").asText() + "'";
      if (interaction.path("description").asText("").isBlank()) {
        problems.add("an interaction has no description");
      }
      switch (interaction.path("type").asText()) {
        case "Synchronous/HTTP" -> {
          JsonNode request = interaction.path("request");
          if (request.path("method").asText("").isBlank()) {
            problems.add(at + ": request.method is missing");
          }
          if (!request.path("path").asText("").startsWith("/")) {
            problems.add(at + ": request.path does not start with /");
          }
          int status = interaction.path("response").path("status").asInt(0);
          if (status < 100 || status > 599) {
            problems.add(at + ": response.status is not an HTTP status");
          }
          part(at + ": request", request, problems);
          part(at + ": response", interaction.path("response"), problems);
        }
        case "Asynchronous/Messages" -> {
          JsonNode content = interaction.path("contents").path("content");
          rules(at, content, interaction.path("matchingRules").path("body"), problems);
          unmatchedRedacted(
              at + ": contents", content, interaction.path("matchingRules"), problems);
        }
        default ->
            problems.add(at + ": type is neither Synchronous/HTTP nor Asynchronous/Messages");
      }
    }
    if (!problems.isEmpty()) {
      throw new ContractException(
          "The pact "
              + name
              + " is not written, since a verifier would reject it: "
              + String.join("; ", problems)
              + ". This is a fault of Checkpoint's Pact export: please report it with the"
              + " recording.");
    }
  }

  private static void part(String at, JsonNode part, List<String> problems) {
    JsonNode rules = part.path("matchingRules");
    JsonNode content = part.path("body").path("content");
    rules(at + " body", content, rules.path("body"), problems);
    if (rules.has("path")) {
      regexMatches(at + " path", part.path("path"), rules.get("path"), problems);
    }
    for (String category : List.of("query", "header")) {
      String field = category.equals("query") ? "query" : "headers";
      for (Map.Entry<String, JsonNode> rule : rules.path(category).properties()) {
        JsonNode values = part.path(field).path(rule.getKey());
        if (values.isMissingNode()) {
          problems.add(at + " " + category + " rule '" + rule.getKey() + "' names no value");
        }
        for (JsonNode value : values.isArray() ? values : List.of(values)) {
          regexMatches(
              at + " " + category + " '" + rule.getKey() + "'", value, rule.getValue(), problems);
        }
      }
    }
    unmatchedRedacted(at + " body", content, rules, problems);
    part.path("headers")
        .properties()
        .forEach(
            header -> {
              if (header.getValue().toString().contains(Matcher.REDACTED)
                  && !rules.path("header").has(header.getKey())) {
                problems.add(
                    at + " header '" + header.getKey() + "' is [REDACTED] without a matcher");
              }
            });
  }

  private static void rules(String at, JsonNode content, JsonNode rules, List<String> problems) {
    for (Map.Entry<String, JsonNode> rule : rules.properties()) {
      JsonNode value = JsonPaths.resolve(content, rule.getKey());
      if (value.isMissingNode()) {
        problems.add(at + " rule " + rule.getKey() + " leads to no value");
      } else {
        regexMatches(at + " " + rule.getKey(), value, rule.getValue(), problems);
      }
    }
  }

  private static void regexMatches(
      String at, JsonNode value, JsonNode rule, List<String> problems) {
    for (JsonNode matcher : rule.path("matchers")) {
      String match = matcher.path("match").asText();
      if (match.equals("regex")) {
        try {
          Pattern regex = Pattern.compile(matcher.path("regex").asText());
          if (!value.isTextual() || !regex.matcher(value.textValue()).matches()) {
            problems.add(at + ": the example " + value + " does not match its regex " + regex);
          }
        } catch (PatternSyntaxException e) {
          problems.add(at + ": the regex is invalid (" + e.getDescription() + ")");
        }
      } else if (!match.equals("type")) {
        problems.add(at + ": unknown matcher '" + match + "'");
      }
    }
  }

  /* Every [REDACTED] text in a body must be matched by type, never compared as it stands. */
  private static void unmatchedRedacted(
      String at, JsonNode content, JsonNode rules, List<String> problems) {
    List<String> pointers = new ArrayList<>();
    redactedPlaces(content, "", pointers);
    for (String pointer : pointers) {
      String path = JsonPaths.of(content, pointer);
      if (!rules.path("body").has(path)) {
        problems.add(at + " " + path + " is [REDACTED] without a matcher");
      }
    }
  }

  private static void redactedPlaces(JsonNode node, String pointer, List<String> found) {
    if (node.isTextual() && node.textValue().contains(Matcher.REDACTED)) {
      found.add(pointer);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        redactedPlaces(node.get(i), pointer + "/" + i, found);
      }
    } else if (node.isObject()) {
      node.properties()
          .forEach(
              field ->
                  redactedPlaces(
                      field.getValue(),
                      pointer + "/" + Urls.pointerSegment(field.getKey()),
                      found));
    }
  }
}
