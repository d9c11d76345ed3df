package dev.checkpoint.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** Requests with a known trace id, and the tree the checkpoint server's API returns for it. */
final class Trees {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private Trees() {}

  /** A checkpoint of a tree and its parent ({@code null} at a root). */
  record Located(JsonNode node, JsonNode parent) {}

  static HttpResponse<String> post(String url, String body, String traceId) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String url, String traceId) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String newTraceId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    bytes[0] |= 1;
    return HexFormat.of().formatHex(bytes);
  }

  /** Waits until the tree is complete by {@code done} and has not grown for one poll. */
  static JsonNode awaitTree(int serverPort, String traceId, Predicate<List<JsonNode>> done) {
    JsonNode[] last = new JsonNode[1];
    int[] lastCount = {-1};
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              HttpResponse<String> response =
                  HTTP.send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  "http://127.0.0.1:" + serverPort + "/api/v1/traces/" + traceId))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() != 200) {
                return false;
              }
              JsonNode tree = JSON.readTree(response.body());
              int count = tree.path("checkpointCount").asInt();
              boolean stable = count == lastCount[0];
              lastCount[0] = count;
              last[0] = tree;
              return stable && done.test(all(tree).stream().map(Located::node).toList());
            });
    return last[0];
  }

  static boolean is(JsonNode node, String service, String kind, String namePrefix) {
    return node.path("service").asText().equals(service)
        && node.path("kind").asText().equals(kind)
        && node.path("name").asText().startsWith(namePrefix);
  }

  static List<Located> all(JsonNode tree) {
    List<Located> all = new ArrayList<>();
    tree.path("roots").forEach(root -> collect(root, null, all));
    return all;
  }

  private static void collect(JsonNode node, JsonNode parent, List<Located> all) {
    all.add(new Located(node, parent));
    node.path("children").forEach(child -> collect(child, node, all));
  }

  /** The one checkpoint of the tree that matches, failing with the whole tree otherwise. */
  static Located only(JsonNode tree, String service, String kind, String namePrefix) {
    List<Located> matching =
        all(tree).stream().filter(n -> is(n.node(), service, kind, namePrefix)).toList();
    assertThat(matching)
        .as("%s %s %s* in the tree %s", service, kind, namePrefix, tree.toPrettyString())
        .hasSize(1);
    return matching.get(0);
  }
}
