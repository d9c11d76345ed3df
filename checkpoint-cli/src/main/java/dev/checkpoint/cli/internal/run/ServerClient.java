package dev.checkpoint.cli.internal.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.NoiseRules;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The parts of the checkpoint server's API the runner and replay use: runs, trees and search. */
public final class ServerClient {
  // Numbers as written: a double would round decimals and turn 1e400 into "Infinity".
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String base;
  private final HttpClient http;

  /**
   * Creates a client.
   *
   * @param base the server's base URL
   * @param http the client to send with
   */
  public ServerClient(String base, HttpClient http) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.http = http;
  }

  /**
   * The base URL.
   *
   * @return the URL without a trailing slash
   */
  public String base() {
    return base;
  }

  /**
   * Creates a run.
   *
   * @param runId the run id
   * @param scenario the run's name and scenario
   * @param labels its labels
   */
  public void createRun(String runId, String scenario, Map<String, String> labels) {
    ObjectNode body = JSON.createObjectNode().put("id", runId).put("name", scenario);
    body.put("scenario", scenario);
    body.set("labels", JSON.valueToTree(labels));
    send(post("/api/v1/runs", body), "create run " + runId);
  }

  /**
   * Closes a run.
   *
   * @param runId the run id
   */
  public void closeRun(String runId) {
    send(
        post("/api/v1/runs", JSON.createObjectNode().put("id", runId).put("closed", true)),
        "close run " + runId);
  }

  /**
   * Stores the noise rules of a run, with which the server compares and exports it.
   *
   * @param runId the run id
   * @param noise the rules
   */
  public void setNoise(String runId, NoiseRules noise) {
    send(
        post("/api/v1/runs", JSON.createObjectNode().put("id", runId).set("noise", noise.toJson())),
        "store the noise rules of run " + runId);
  }

  /**
   * How many checkpoints of a trace have arrived, counted by the server without reading them; 0
   * while none has.
   */
  int checkpointCount(String traceId) {
    return read("/api/v1/traces/" + traceId + "/summary", "count checkpoints of " + traceId)
        .map(summary -> summary.path("checkpointCount").asInt())
        .orElse(0);
  }

  /**
   * How many checkpoints each tree of a run holds so far, counted by the server without reading
   * them: one request per 1,000 trees, where {@link #checkpointCount} is one per tree.
   *
   * @param runId the run id
   * @return checkpoint count by trace id; a tree none of whose checkpoints has arrived is absent
   */
  Map<String, Integer> checkpointCounts(String runId) {
    Map<String, Integer> counts = new HashMap<>();
    String path = "/api/v1/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8);
    int offset = 0;
    while (true) {
      JsonNode trees =
          read(
                  path + "?" + query(Map.of("limit", "1000", "offset", Integer.toString(offset))),
                  "count checkpoints of run " + runId)
              .map(page -> page.path("trees"))
              .orElseThrow(
                  () -> new RunFailure("The run " + runId + " disappeared from " + base + "."));
      trees
          .path("items")
          .forEach(
              tree ->
                  counts.put(tree.path("traceId").asText(), tree.path("checkpointCount").asInt()));
      if (!trees.path("nextOffset").isNumber()) {
        return counts;
      }
      offset = trees.path("nextOffset").asInt();
    }
  }

  /**
   * The checkpoints of a trace as recorded, flat.
   *
   * @param traceId the trace id
   * @return the checkpoints, or empty while none has arrived
   */
  public Optional<List<JsonNode>> checkpoints(String traceId) {
    return read("/api/v1/traces/" + traceId + "/checkpoints", "fetch tree " + traceId)
        .map(
            tree -> {
              List<JsonNode> checkpoints = new ArrayList<>();
              tree.path("checkpoints").forEach(checkpoints::add);
              return checkpoints;
            });
  }

  /**
   * A run with its first trees.
   *
   * @param runId the run id
   * @return {@code {"run": ..., "trees": ...}}, or empty when there is no such run
   */
  public Optional<JsonNode> run(String runId) {
    return read(
        "/api/v1/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8), "read run " + runId);
  }

  /**
   * Deletes a run and its checkpoints; a run that is not there is left so.
   *
   * @param runId the run id
   */
  public void deleteRun(String runId) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    base + "/api/v1/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8)))
            .timeout(TIMEOUT)
            .DELETE()
            .build();
    HttpResponse<String> response = exchange(request, "delete run " + runId);
    if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
      throw new RunFailure(
          "The checkpoint server at "
              + base
              + " refused to delete run "
              + runId
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  /**
   * One page of the checkpoints that match a filter, newest first, without payloads.
   *
   * @param filter query parameters such as {@code runId}, {@code service}, {@code kind}; {@code
   *     null} values are left out
   * @param offset where the page starts
   * @return {@code {"items": [...], "nextOffset": n or null}}
   */
  public JsonNode search(Map<String, String> filter, int offset) {
    Map<String, String> query = new LinkedHashMap<>(filter);
    query.put("limit", "1000");
    query.put("offset", Integer.toString(offset));
    return send(get("/api/v1/checkpoints?" + query(query)), "search checkpoints");
  }

  private Optional<JsonNode> read(String path, String what) {
    HttpResponse<String> response = exchange(get(path), what);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(parse(response, what));
  }

  /** Whether a checkpoint of the run matches the filter; {@code null} filters match anything. */
  boolean hasCheckpoint(String runId, String service, String kind, String name) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("runId", runId);
    query.put("service", service);
    query.put("kind", kind);
    query.put("name", name);
    query.put("limit", "1");
    return !send(get("/api/v1/checkpoints?" + query(query)), "search checkpoints")
        .path("items")
        .isEmpty();
  }

  /**
   * The newest runs whose name contains a text and that carry a label.
   *
   * @param name text the run names contain, or {@code null}
   * @param label {@code key:value}, or {@code null}
   * @return up to 1,000 runs, newest first
   */
  public List<JsonNode> runs(String name, String label) {
    Map<String, String> filter = new LinkedHashMap<>();
    filter.put("name", name);
    filter.put("label", label);
    filter.put("limit", "1000");
    List<JsonNode> runs = new ArrayList<>();
    send(get("/api/v1/runs?" + query(filter)), "list runs").path("items").forEach(runs::add);
    return runs;
  }

  /** The newest run of the scenario before the given one, to compare with in the web UI. */
  Optional<String> previousRun(String scenario, String runId) {
    JsonNode runs =
        send(get("/api/v1/runs?" + query(Map.of("name", scenario, "limit", "50"))), "list runs");
    for (JsonNode run : runs.path("items")) {
      String id = run.path("id").asText();
      // The server matches names by substring: "shop" also finds "shop-worker".
      if (run.path("name").asText().equals(scenario)
          && !id.equals(runId)
          && !id.startsWith(runId + "-")) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  private static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build();
  }

  private HttpRequest post(String path, JsonNode body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  private JsonNode send(HttpRequest request, String what) {
    HttpResponse<String> response = exchange(request, what);
    if (response.statusCode() / 100 != 2) {
      throw new RunFailure(
          "The checkpoint server at "
              + base
              + " refused to "
              + what
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    return parse(response, what);
  }

  private JsonNode parse(HttpResponse<String> response, String what) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new RunFailure(
          "The checkpoint server at " + base + " answered " + what + " with invalid JSON.", e);
    }
  }

  private HttpResponse<String> exchange(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RunFailure(
          "Cannot reach the checkpoint server at "
              + base
              + " to "
              + what
              + " ("
              + e
              + "). Start it with 'checkpoint server', or leave out --server to use an embedded"
              + " one.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailure("Interrupted while trying to " + what + ".", e);
    }
  }
}
