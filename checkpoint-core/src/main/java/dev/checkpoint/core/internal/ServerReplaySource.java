package dev.checkpoint.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.RecordingKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recorded entries read from a checkpoint server: a key {@code <traceId>:<checkpointId>} names the
 * entry checkpoint of a tree the server stores in the configured run. Each tree is read once with
 * {@code GET /api/v1/traces/{traceId}/checkpoints} and kept for the next entries of the same tree.
 */
final class ServerReplaySource implements ReplaySource {

  private static final int CACHED_TREES = 64;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String run;
  private final String token;
  private final HttpClient http;
  private final Map<String, List<JsonNode>> trees =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<JsonNode>> eldest) {
          return size() > CACHED_TREES;
        }
      };

  ServerReplaySource(URI base, String run, String token) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.run = run;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public String description() {
    return base + " run " + run;
  }

  @Override
  public RecordedEntry entry(String key) throws LoadException {
    RecordingKey.Recorded recorded;
    try {
      if (!(RecordingKey.parse(key) instanceof RecordingKey.Recorded parsed)) {
        throw new IllegalArgumentException("it names a checkpoint in an asset file");
      }
      recorded = parsed;
    } catch (IllegalArgumentException e) {
      throw new LoadException(
          "The replay key '"
              + key
              + "' is not '<traceId>:<entry checkpoint id>' as a server source ("
              + description()
              + ") needs ("
              + e.getMessage()
              + "). Send the baggage member checkpoint.replay=<traceId>:<checkpointId> of a"
              + " recorded entry checkpoint.");
    }
    String traceId = recorded.traceId();
    String checkpointId = recorded.checkpointId();
    List<JsonNode> checkpoints = tree(traceId);
    JsonNode wire = null;
    for (JsonNode checkpoint : checkpoints) {
      if (checkpointId.equals(checkpoint.path("id").asText())) {
        wire = checkpoint;
        break;
      }
    }
    if (wire == null) {
      throw new LoadException(
          "Trace "
              + traceId
              + " on "
              + base
              + " has no checkpoint "
              + checkpointId
              + ". Replay the entry checkpoint ids of that tree as the server lists them.");
    }
    String recordedRun = wire.path("runId").asText(null);
    if (run != null && !run.equals(recordedRun)) {
      throw new LoadException(
          "Checkpoint "
              + key
              + " was recorded in run "
              + recordedRun
              + ", not in the replayed run "
              + run
              + ". Set CHECKPOINT_REPLAY_RUN to the run the entry requests come from.");
    }
    for (CheckpointNode root : CheckpointTrees.assemble(checkpoints)) {
      for (CheckpointNode node : root.flatten()) {
        if (node.id().filter(checkpointId::equals).isPresent()) {
          return new RecordedEntry(node, Normaliser.defaults(), "trace " + traceId + " on " + base);
        }
      }
    }
    throw new LoadException("Checkpoint " + key + " could not be placed in its tree.");
  }

  private List<JsonNode> tree(String traceId) throws LoadException {
    synchronized (trees) {
      List<JsonNode> cached = trees.get(traceId);
      if (cached != null) {
        return cached;
      }
    }
    URI uri = base.resolve("/api/v1/traces/" + traceId + "/checkpoints");
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new LoadException(
          "Cannot read the recorded tree from "
              + uri
              + ": "
              + e
              + ". Start the checkpoint server"
              + " or correct CHECKPOINT_REPLAY_SOURCE.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadException("Interrupted while reading " + uri, e);
    }
    if (response.statusCode() != 200) {
      throw new LoadException(
          "GET "
              + uri
              + " answered "
              + response.statusCode()
              + " "
              + response.body()
              + ". Check that run "
              + run
              + " was recorded into this server and CHECKPOINT_REPLAY_SOURCE names it.");
    }
    List<JsonNode> checkpoints = new ArrayList<>();
    try {
      JsonCodec.mapper().readTree(response.body()).path("checkpoints").forEach(checkpoints::add);
    } catch (IOException e) {
      throw new LoadException("GET " + uri + " answered with a body that is not JSON: " + e, e);
    }
    synchronized (trees) {
      trees.put(traceId, checkpoints);
    }
    return checkpoints;
  }
}
