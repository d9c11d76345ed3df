package dev.checkpoint.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.contracts.internal.Urls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The interactions of every consumer–provider pair seen in recorded trees.
 *
 * <p>An interaction is a consumer's {@code HTTP_CLIENT} checkpoint whose child is the provider's
 * {@code HTTP_SERVER} checkpoint, or a provider's {@code MESSAGE_PUBLISH} with a consumer's {@code
 * MESSAGE_CONSUME} under it (one interaction per consuming service). A call whose provider recorded
 * nothing names no provider and is left out, as is a call that failed without a response.
 * Interactions of a pair in the same provider state with the same request, noise and redacted
 * values read as placeholders, are one: the first recorded is kept as the example.
 */
public final class Contracts {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> KEPT_HEADERS = List.of("accept", "content-type");

  /** A consumer and a provider, named by their services. */
  public record Pair(String consumer, String provider) implements Comparable<Pair> {

    /** Checks the values. */
    public Pair {
      Objects.requireNonNull(consumer, "consumer");
      Objects.requireNonNull(provider, "provider");
    }

    /**
     * The pair's name, as in file names.
     *
     * @return such as {@code orders-payments}
     */
    public String name() {
      return consumer + "-" + provider;
    }

    @Override
    public int compareTo(Pair other) {
      return name().compareTo(other.name());
    }

    @Override
    public String toString() {
      return consumer + " -> " + provider;
    }
  }

  private final List<Interaction> interactions;
  private final Set<String> services;

  private Contracts(List<Interaction> interactions, Set<String> services) {
    this.interactions = List.copyOf(interactions);
    this.services = Set.copyOf(services);
  }

  /**
   * Finds the interactions in recordings.
   *
   * @param recordings the recorded trees, each with its provider state
   * @return the interactions, grouped, in the order they were recorded
   */
  public static Contracts of(List<Recording> recordings) {
    Objects.requireNonNull(recordings, "recordings");
    Map<String, Interaction> distinct = new LinkedHashMap<>();
    Set<String> services = new TreeSet<>();
    for (Recording recording : recordings) {
      for (CheckpointNode root : recording.roots()) {
        List<CheckpointNode> walk = root.flatten();
        for (int i = 0; i < walk.size(); i++) {
          CheckpointNode node = walk.get(i);
          services.add(node.service());
          for (Interaction interaction : found(recording.state(root), walk, i)) {
            distinct.putIfAbsent(shape(interaction), interaction);
          }
        }
      }
    }
    return new Contracts(described(distinct.values()), services);
  }

  private static List<Interaction> found(String state, List<CheckpointNode> walk, int at) {
    CheckpointNode node = walk.get(at);
    List<Interaction> found = new ArrayList<>();
    if (node.kind().equals("HTTP_CLIENT") && node.output().isObject()) {
      for (CheckpointNode child : node.children()) {
        if (child.kind().equals("HTTP_SERVER")) {
          found.add(http(state, node, child.service(), after(walk, at)));
          break;
        }
      }
    } else if (node.kind().equals("MESSAGE_PUBLISH")) {
      Set<String> consumers = new HashSet<>();
      for (CheckpointNode child : node.children()) {
        if (child.kind().equals("MESSAGE_CONSUME") && consumers.add(child.service())) {
          found.add(message(state, node, child));
        }
      }
    }
    return found;
  }

  /* The consumer's checkpoints after the call's subtree in the walk of its tree. */
  private static List<CheckpointNode> after(List<CheckpointNode> walk, int at) {
    CheckpointNode call = walk.get(at);
    int end = at + call.flatten().size();
    List<CheckpointNode> readers = new ArrayList<>();
    for (CheckpointNode node : walk.subList(end, walk.size())) {
      if (node.service().equals(call.service())) {
        readers.add(node);
      }
    }
    return readers;
  }

  private static Interaction http(
      String state, CheckpointNode client, String provider, List<CheckpointNode> readers) {
    JsonNode input = client.input();
    JsonNode output = client.output();
    SortedMap<String, String> noise = new TreeMap<>();
    ObjectNode example = NODES.objectNode();
    ObjectNode request = example.putObject("request");
    request.put("method", input.path("method").asText());
    String url = input.path("url").asText();
    request.put("path", Urls.path(url));
    ObjectNode query = request.putObject("query");
    Urls.query(url)
        .forEach((name, values) -> values.forEach(value -> query.withArray(name).add(value)));
    String urlNoise = client.noise().get("/input/url");
    if (urlNoise != null) {
      if (!Urls.path(urlNoise).equals(Urls.path(url))) {
        noise.put("/request/path", Urls.path(urlNoise));
      }
      Map<String, List<String>> placeholders = Urls.query(urlNoise);
      Urls.query(url)
          .forEach(
              (name, values) -> {
                List<String> marked = placeholders.getOrDefault(name, List.of());
                for (int i = 0; i < values.size() && i < marked.size(); i++) {
                  if (!values.get(i).equals(marked.get(i))) {
                    noise.put(
                        "/request/query/" + Urls.pointerSegment(name) + "/" + i, marked.get(i));
                  }
                }
              });
    }
    request.set("headers", headers(input.path("headers")));
    request.set("body", input.path("body").isMissingNode() ? NODES.nullNode() : input.get("body"));
    ObjectNode response = example.putObject("response");
    response.set("status", output.path("status"));
    response.set("headers", headers(output.path("headers")));
    response.set(
        "body", output.path("body").isMissingNode() ? NODES.nullNode() : output.get("body"));

    SortedSet<String> redacted = new TreeSet<>();
    moved(client, "/input/body", "/request/body", noise, redacted);
    moved(client, "/output/body", "/response/body", noise, redacted);
    for (String header : KEPT_HEADERS) {
      moved(client, "/input/headers/" + header, "/request/headers/" + header, noise, redacted);
      moved(client, "/output/headers/" + header, "/response/headers/" + header, noise, redacted);
    }
    return new Interaction(
        Interaction.Type.HTTP,
        client.service(),
        provider,
        state,
        client.name(),
        example,
        noise,
        redacted,
        client,
        readers);
  }

  private static Interaction message(String state, CheckpointNode publish, CheckpointNode consume) {
    JsonNode input = publish.input();
    ObjectNode example = NODES.objectNode();
    example.set(
        "contents", input.path("body").isMissingNode() ? NODES.nullNode() : input.get("body"));
    ObjectNode metadata = example.putObject("metadata");
    metadata.put("exchange", input.path("exchange").asText(input.path("destination").asText()));
    metadata.put("routingKey", input.path("routingKey").asText());
    JsonNode contentType = input.path("properties").path("contentType");
    if (contentType.isTextual()) {
      metadata.put("contentType", contentType.textValue());
    }
    SortedMap<String, String> noise = new TreeMap<>();
    SortedSet<String> redacted = new TreeSet<>();
    moved(publish, "/input/body", "/contents", noise, redacted);
    List<CheckpointNode> readers = new ArrayList<>();
    for (CheckpointNode node : consume.flatten().subList(1, consume.flatten().size())) {
      if (node.service().equals(consume.service())) {
        readers.add(node);
      }
    }
    return new Interaction(
        Interaction.Type.MESSAGE,
        consume.service(),
        publish.service(),
        state,
        publish.name(),
        example,
        noise,
        redacted,
        publish,
        readers);
  }

  private static ObjectNode headers(JsonNode recorded) {
    ObjectNode headers = NODES.objectNode();
    recorded
        .properties()
        .forEach(
            header -> {
              String name = header.getKey().toLowerCase(Locale.ROOT);
              if (KEPT_HEADERS.contains(name) && header.getValue().isTextual()) {
                headers.put(name, header.getValue().textValue());
              }
            });
    return headers;
  }

  /* Noise and redacted places under a checkpoint field, moved to their place in the example. */
  private static void moved(
      CheckpointNode node,
      String from,
      String to,
      SortedMap<String, String> noise,
      SortedSet<String> redacted) {
    node.noise()
        .forEach(
            (pointer, placeholder) -> {
              if (pointer.equals(from) || pointer.startsWith(from + "/")) {
                noise.put(to + pointer.substring(from.length()), placeholder);
              }
            });
    JsonNode fields = node.fields();
    for (JsonNode path : fields.path("redacted")) {
      // Redacted places are dotted paths; one through a key with a dot in it leads nowhere here,
      // and its [REDACTED] value is still caught by the pact's validation.
      String pointer = "/" + path.asText().replace('.', '/');
      if (fields.at(pointer).isMissingNode()) {
        continue;
      }
      if (pointer.equals(from) || pointer.startsWith(from + "/")) {
        redacted.add(to + pointer.substring(from.length()));
      }
    }
  }

  /* What makes two interactions one: the pair, the state and the request read as placeholders. */
  private static String shape(Interaction interaction) {
    String asked = interaction.type() == Interaction.Type.HTTP ? "/request" : "";
    return interaction.type()
        + "\u0000"
        + interaction.consumer()
        + "\u0000"
        + interaction.provider()
        + "\u0000"
        + interaction.state()
        + "\u0000"
        + interaction.value(asked).normalised();
  }

  /* Descriptions unique within a pair: the call's name and state, numbered when they repeat. */
  private static List<Interaction> described(Iterable<Interaction> interactions) {
    Map<String, Integer> seen = new HashMap<>();
    List<Interaction> described = new ArrayList<>();
    for (Interaction interaction : interactions) {
      String base = interaction.description() + " (" + interaction.state() + ")";
      int n =
          seen.merge(
              interaction.consumer() + "\u0000" + interaction.provider() + "\u0000" + base,
              1,
              Integer::sum);
      described.add(interaction.describedAs(n == 1 ? base : base + " #" + n));
    }
    return described;
  }

  /**
   * Every interaction, in the order recorded.
   *
   * @return an unmodifiable list
   */
  public List<Interaction> interactions() {
    return interactions;
  }

  /**
   * The pairs that have interactions.
   *
   * @return the pairs, sorted by name
   */
  public SortedSet<Pair> pairs() {
    SortedSet<Pair> pairs = new TreeSet<>();
    interactions.forEach(i -> pairs.add(new Pair(i.consumer(), i.provider())));
    return pairs;
  }

  /**
   * The interactions of one pair.
   *
   * @param pair the pair
   * @return its interactions, in the order recorded; empty for a pair not seen
   */
  public List<Interaction> of(Pair pair) {
    Objects.requireNonNull(pair, "pair");
    return interactions.stream()
        .filter(i -> i.consumer().equals(pair.consumer()) && i.provider().equals(pair.provider()))
        .toList();
  }

  /**
   * The services that recorded checkpoints in the trees, with or without interactions.
   *
   * @return the names, sorted
   */
  public SortedSet<String> services() {
    return new TreeSet<>(services);
  }

  /**
   * The interactions a service takes part in, as consumer or provider.
   *
   * @param service a service name
   * @return the interactions
   * @throws ContractException when no service of that name recorded anything, naming the services
   */
  public List<Interaction> of(String service) {
    Objects.requireNonNull(service, "service");
    if (!services.contains(service)) {
      throw new ContractException(
          "No service '"
              + service
              + "' recorded checkpoints in these trees; the services are: "
              + String.join(", ", services())
              + ".");
    }
    return interactions.stream()
        .filter(i -> i.consumer().equals(service) || i.provider().equals(service))
        .toList();
  }

  /**
   * Why there are no interactions, for an export that has nothing to write.
   *
   * @return the explanation
   */
  public String whyEmpty() {
    return services.isEmpty()
        ? "The recording has no checkpoints, so it has no interactions to make contracts of."
        : "The recording has no cross-service calls (an HTTP_CLIENT checkpoint with the called"
            + " service's HTTP_SERVER under it, or a MESSAGE_PUBLISH with a MESSAGE_CONSUME under"
            + " it), so there are no contracts to export. Its services are "
            + String.join(", ", services())
            + "; record the called services too (they must propagate traceparent), or record a"
            + " scenario that makes such calls.";
  }
}
