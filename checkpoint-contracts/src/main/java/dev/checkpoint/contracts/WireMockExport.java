package dev.checkpoint.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.contracts.internal.Matcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * WireMock stub mappings that stand in for a service's dependencies: one stub per recorded outbound
 * HTTP interaction of the service, matching the request as recorded and answering the recorded
 * response.
 *
 * <p>A request matches by method, path, query and JSON body, with the same matchers as the pact:
 * noise by its pattern ({@code ${json-unit.regex}...} in the body, {@code matches} elsewhere),
 * anything else that varies and every redacted value by type ({@code ${json-unit.any-string}}). Two
 * recorded requests that differ only in redacted values are therefore one stub to WireMock; the
 * first recorded answers.
 */
public final class WireMockExport {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private WireMockExport() {}

  /**
   * The mapping files of every service that calls another.
   *
   * @param contracts the interactions
   * @return file names (such as {@code orders-wiremock.json}) to their JSON, {@code {"mappings":
   *     [...]}}
   * @throws ContractException when no service calls another over HTTP, saying why
   */
  public static Map<String, String> files(Contracts contracts) {
    Objects.requireNonNull(contracts, "contracts");
    Map<String, String> files = new LinkedHashMap<>();
    for (String service : contracts.services()) {
      if (!outbound(contracts, service).isEmpty()) {
        files.put(fileName(service), PactExport.text(mappings(contracts, service)));
      }
    }
    if (files.isEmpty()) {
      throw new ContractException(contracts.whyEmpty());
    }
    return files;
  }

  /**
   * The mapping file of one service's outbound calls.
   *
   * @param contracts the interactions
   * @param service the calling service
   * @return its file name to its JSON
   * @throws ContractException for an unknown service, or one that calls no other
   */
  public static Map<String, String> files(Contracts contracts, String service) {
    contracts.of(service);
    if (outbound(contracts, service).isEmpty()) {
      throw new ContractException(
          "Service '"
              + service
              + "' made no recorded HTTP call to another recorded service, so it has no"
              + " dependencies to stub. The services that do: "
              + String.join(
                  ", ",
                  contracts.services().stream()
                      .filter(s -> !outbound(contracts, s).isEmpty())
                      .toList())
              + ".");
    }
    return Map.of(fileName(service), PactExport.text(mappings(contracts, service)));
  }

  /**
   * The stubs of a service's outbound calls.
   *
   * @param contracts the interactions
   * @param service the calling service
   * @return {@code {"mappings": [...]}}, as WireMock loads from its {@code mappings} directory
   */
  public static ObjectNode mappings(Contracts contracts, String service) {
    ObjectNode file = NODES.objectNode();
    ArrayNode mappings = file.putArray("mappings");
    for (Interaction interaction : outbound(contracts, service)) {
      mappings.add(stub(interaction));
    }
    return file;
  }

  private static String fileName(String service) {
    return service + "-wiremock.json";
  }

  private static List<Interaction> outbound(Contracts contracts, String service) {
    return contracts.interactions().stream()
        .filter(i -> i.type() == Interaction.Type.HTTP && i.consumer().equals(service))
        .toList();
  }

  private static ObjectNode stub(Interaction interaction) {
    JsonNode example = interaction.example();
    Map<String, Matcher> matchers = new LinkedHashMap<>();
    PactExport.forEachMatched(interaction, "/request", matchers::put);
    ObjectNode stub = NODES.objectNode();
    stub.put(
        "name",
        interaction.consumer()
            + " -> "
            + interaction.provider()
            + ": "
            + interaction.description());
    ObjectNode request = stub.putObject("request");
    JsonNode recorded = example.get("request");
    request.set("method", recorded.get("method"));
    Matcher path = matchers.get("/request/path");
    if (path != null && !path.byType()) {
      request.put("urlPathPattern", path.regex());
    } else {
      request.set("urlPath", recorded.get("path"));
    }
    ObjectNode query = NODES.objectNode();
    recorded
        .get("query")
        .properties()
        .forEach(
            parameter -> {
              Matcher matcher =
                  matchers.get(
                      "/request/query/"
                          + parameter.getKey().replace("~", "~0").replace("/", "~1")
                          + "/0");
              query.set(parameter.getKey(), pattern(matcher, parameter.getValue().get(0)));
            });
    if (!query.isEmpty()) {
      request.set("queryParameters", query);
    }
    ObjectNode headers = NODES.objectNode();
    recorded
        .get("headers")
        .properties()
        .forEach(
            header ->
                headers.set(
                    header.getKey(),
                    pattern(
                        matchers.get("/request/headers/" + header.getKey()), header.getValue())));
    if (!headers.isEmpty()) {
      request.set("headers", headers);
    }
    JsonNode body = recorded.get("body");
    if (body.isContainerNode()) {
      JsonNode expected = body.deepCopy();
      for (Map.Entry<String, Matcher> matched : matchers.entrySet()) {
        if (matched.getKey().startsWith("/request/body/")) {
          String pointer = matched.getKey().substring("/request/body".length());
          expected = placeholder(expected, pointer, matched.getValue());
        }
      }
      ObjectNode pattern = request.putArray("bodyPatterns").addObject();
      pattern.set("equalToJson", expected);
      pattern.put("ignoreArrayOrder", false);
      pattern.put("ignoreExtraElements", false);
    } else if (body.isTextual()) {
      request.putArray("bodyPatterns").add(pattern(matchers.get("/request/body"), body));
    }
    JsonNode answered = example.get("response");
    ObjectNode response = stub.putObject("response");
    response.set("status", answered.get("status"));
    ObjectNode responseHeaders = response.putObject("headers");
    answered
        .get("headers")
        .properties()
        .forEach(h -> responseHeaders.set(h.getKey(), h.getValue()));
    JsonNode responseBody = answered.get("body");
    if (responseBody.isContainerNode()) {
      response.set("jsonBody", responseBody);
    } else if (responseBody.isTextual()) {
      response.set("body", responseBody);
    }
    ObjectNode metadata = stub.putObject("metadata");
    metadata.put("consumer", interaction.consumer());
    metadata.put("provider", interaction.provider());
    metadata.put("providerState", interaction.state());
    return stub;
  }

  private static ObjectNode pattern(Matcher matcher, JsonNode value) {
    ObjectNode pattern = NODES.objectNode();
    if (matcher == null) {
      pattern.set("equalTo", value);
    } else {
      pattern.put("matches", matcher.byType() ? ".*" : matcher.regex());
    }
    return pattern;
  }

  /* JsonUnit placeholders, which WireMock's equalToJson understands, where the pact has matchers. */
  private static JsonNode placeholder(JsonNode body, String pointer, Matcher matcher) {
    JsonNode value = body.at(pointer);
    String text;
    if (!matcher.byType()) {
      text = "${json-unit.regex}" + matcher.regex();
    } else if (value.isTextual()) {
      text = "${json-unit.any-string}";
    } else if (value.isNumber()) {
      text = "${json-unit.any-number}";
    } else if (value.isBoolean()) {
      text = "${json-unit.any-boolean}";
    } else {
      text = "${json-unit.ignore}";
    }
    if (pointer.isEmpty()) {
      return NODES.textNode(text);
    }
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = body.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode object) {
      object.put(last, text);
    } else if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), NODES.textNode(text));
    }
    return body;
  }
}
