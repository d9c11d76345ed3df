package dev.checkpoint.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.contracts.internal.JsonPaths;
import dev.checkpoint.contracts.internal.Matcher;
import dev.checkpoint.contracts.internal.PactValidator;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Pact specification V4 files, one per consumer–provider pair: HTTP interactions as {@code
 * Synchronous/HTTP}, messages as {@code Asynchronous/Messages}, each with its provider state.
 *
 * <p>Noise becomes a matcher instead of a literal: a regex when its placeholder says what the value
 * looks like ({@code <uuid>}, {@code <id>}, or a text around one, such as {@code /orders/<uuid>}),
 * else a type matcher. A redacted value stays {@code [REDACTED]}, the only value the recording has,
 * with a type matcher: a verifier then accepts any text there. Every file is {@linkplain
 * PactValidator validated} before it is returned: a pact a verifier would reject is never written.
 */
public final class PactExport {

  /** The specification version written in {@code metadata.pactSpecification.version}. */
  public static final String SPECIFICATION_VERSION = "4.0";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PactExport() {}

  /**
   * The pact files of every pair.
   *
   * @param contracts the interactions
   * @return file names (such as {@code orders-payments.json}) to their JSON, in pair order
   * @throws ContractException when there are no interactions, saying why
   */
  public static Map<String, String> files(Contracts contracts) {
    Objects.requireNonNull(contracts, "contracts");
    if (contracts.interactions().isEmpty()) {
      throw new ContractException(contracts.whyEmpty());
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (Contracts.Pair pair : contracts.pairs()) {
      files.put(pair.name() + ".json", text(pact(pair, contracts.of(pair))));
    }
    return files;
  }

  /**
   * The pact files of the pairs a service takes part in, as consumer or provider.
   *
   * @param contracts the interactions
   * @param service the service
   * @return file names to their JSON
   * @throws ContractException for an unknown service, or a service without interactions
   */
  public static Map<String, String> files(Contracts contracts, String service) {
    List<Interaction> interactions = contracts.of(service);
    if (interactions.isEmpty()) {
      throw new ContractException(
          "Service '"
              + service
              + "' neither calls nor is called by another recorded service here. "
              + contracts.whyEmpty());
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (Contracts.Pair pair : contracts.pairs()) {
      if (pair.consumer().equals(service) || pair.provider().equals(service)) {
        files.put(pair.name() + ".json", text(pact(pair, contracts.of(pair))));
      }
    }
    return files;
  }

  /**
   * The pact of one pair, validated.
   *
   * @param pair the pair
   * @param interactions its interactions
   * @return the pact
   * @throws ContractException when the pact would be rejected by a verifier, naming the interaction
   *     and the place
   */
  public static ObjectNode pact(Contracts.Pair pair, List<Interaction> interactions) {
    ObjectNode pact = NODES.objectNode();
    pact.putObject("consumer").put("name", pair.consumer());
    pact.putObject("provider").put("name", pair.provider());
    ArrayNode list = pact.putArray("interactions");
    for (Interaction interaction : interactions) {
      list.add(
          interaction.type() == Interaction.Type.HTTP ? http(interaction) : message(interaction));
    }
    ObjectNode metadata = pact.putObject("metadata");
    metadata.putObject("pactSpecification").put("version", SPECIFICATION_VERSION);
    metadata.putObject("checkpoint").put("source", "recorded traffic");
    PactValidator.validate(pair.name(), pact);
    return pact;
  }

  private static ObjectNode http(Interaction interaction) {
    ObjectNode json = common(interaction, "Synchronous/HTTP");
    JsonNode example = interaction.example();
    JsonNode request = example.get("request");
    ObjectNode pactRequest = json.putObject("request");
    pactRequest.set("method", request.get("method"));
    pactRequest.set("path", request.get("path"));
    if (!request.get("query").isEmpty()) {
      pactRequest.set("query", request.get("query"));
    }
    part(interaction, "/request", request, pactRequest);
    JsonNode response = example.get("response");
    ObjectNode pactResponse = json.putObject("response");
    pactResponse.set("status", response.get("status"));
    part(interaction, "/response", response, pactResponse);
    return json;
  }

  /* Headers, body and the matching rules of a request or response. */
  private static void part(Interaction interaction, String at, JsonNode part, ObjectNode pact) {
    JsonNode headers = part.get("headers");
    if (!headers.isEmpty()) {
      ObjectNode pactHeaders = pact.putObject("headers");
      headers.properties().forEach(h -> pactHeaders.putArray(h.getKey()).add(h.getValue()));
    }
    JsonNode body = part.get("body");
    if (!body.isNull()) {
      pact.set("body", body(body, headers.path("content-type").asText(null)));
    }
    ObjectNode rules = NODES.objectNode();
    forEachMatched(
        interaction,
        at,
        (pointer, matcher) -> {
          String rest = pointer.substring(at.length());
          if (rest.startsWith("/body")) {
            rules
                .withObjectProperty("body")
                .set(JsonPaths.of(body, rest.substring("/body".length())), rule(matcher));
          } else if (rest.equals("/path")) {
            rules.set("path", rule(matcher));
          } else if (rest.startsWith("/query/")) {
            String name = unescape(rest.split("/")[2]);
            rules.withObjectProperty("query").set(name, rule(matcher));
          } else if (rest.startsWith("/headers/")) {
            rules.withObjectProperty("header").set(unescape(rest.split("/")[2]), rule(matcher));
          }
        });
    if (!rules.isEmpty()) {
      pact.set("matchingRules", rules);
    }
  }

  private static ObjectNode message(Interaction interaction) {
    ObjectNode json = common(interaction, "Asynchronous/Messages");
    JsonNode example = interaction.example();
    JsonNode contents = example.get("contents");
    JsonNode metadata = example.get("metadata");
    json.set("contents", body(contents, metadata.path("contentType").asText(null)));
    json.set("metadata", metadata);
    ObjectNode rules = NODES.objectNode();
    forEachMatched(
        interaction,
        "/contents",
        (pointer, matcher) ->
            rules
                .withObjectProperty("body")
                .set(
                    JsonPaths.of(contents, pointer.substring("/contents".length())),
                    rule(matcher)));
    if (!rules.isEmpty()) {
      json.set("matchingRules", rules);
    }
    return json;
  }

  private static ObjectNode common(Interaction interaction, String type) {
    ObjectNode json = NODES.objectNode();
    json.put("type", type);
    json.put("description", interaction.description());
    json.putArray("providerStates").addObject().put("name", interaction.state());
    json.put("pending", false);
    return json;
  }

  private static ObjectNode body(JsonNode content, String contentType) {
    ObjectNode body = NODES.objectNode();
    body.set("content", content);
    body.put(
        "contentType",
        contentType != null
            ? contentType
            : content.isTextual() ? "text/plain" : "application/json");
    body.put("encoded", false);
    return body;
  }

  private static ObjectNode rule(Matcher matcher) {
    ObjectNode rule = NODES.objectNode();
    rule.put("combine", "AND");
    ObjectNode match = rule.putArray("matchers").addObject();
    if (matcher.byType()) {
      match.put("match", "type");
    } else {
      match.put("match", "regex");
      match.put("regex", matcher.regex());
    }
    return rule;
  }

  /* Each noisy or redacted place under a prefix of the example, with its matcher. */
  static void forEachMatched(
      Interaction interaction, String prefix, BiConsumer<String, Matcher> each) {
    JsonNode example = interaction.example();
    Map<String, Matcher> matched = new LinkedHashMap<>();
    interaction
        .noise()
        .forEach(
            (pointer, placeholder) -> {
              if (pointer.startsWith(prefix + "/")) {
                matched.put(pointer, Matcher.of(example.at(pointer), placeholder));
              }
            });
    for (String pointer : interaction.redacted()) {
      if (pointer.startsWith(prefix + "/") && !example.at(pointer).isMissingNode()) {
        matched.put(pointer, Matcher.TYPE);
      }
    }
    matched.forEach(each);
  }

  private static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }

  static String text(JsonNode json) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
