package dev.checkpoint.agent;

import static dev.checkpoint.agent.RecordedCheckpoints.is;
import static dev.checkpoint.agent.RecordedCheckpoints.one;
import static dev.checkpoint.agent.RecordedCheckpoints.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.core.propagation.Baggage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: the time and random ids a request reads through the JDK's own calls ({@code
 * Instant.now()}, {@code System.currentTimeMillis()}, {@code UUID.randomUUID()}, ...) are recorded
 * by the agent and given back when the request is replayed from its recording, with no change to
 * the application.
 */
class TimeAndIdsReplayTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aReplayedRequestReadsTheTimesAndIdsItReadWhenRecorded() throws Exception {
    Path recordedFile = dir.resolve("recorded.jsonl");
    String recordedBody;
    try (AgentProcess app = start(List.of("-Dcheckpoint.mode=ON"), recordedFile)) {
      recordedBody = receipt(app, null);
      app.stop();
    }
    JsonNode receipt = JSON.readTree(recordedBody);
    assertThat(receipt.path("clockClass").asText()).isEqualTo("dev.checkpoint.CheckpointClock");
    List<JsonNode> recorded = read(recordedFile);
    JsonNode entry = one(recorded, c -> is(c, "HTTP_SERVER", "GET /receipt"));
    assertThat(entry.at("/attributes/checkpoint.ids").toString())
        .contains(receipt.path("id").asText());
    assertThat(entry.at("/attributes/checkpoint.time").toString())
        .contains(receipt.path("issuedAt").asText())
        .contains(Instant.ofEpochMilli(receipt.path("millis").asLong()).toString())
        .contains(receipt.path("clock").asText());

    Path assets = Files.createDirectories(dir.resolve("assets"));
    CheckpointNode tree =
        CheckpointTrees.assemble(recorded).stream()
            .filter(root -> root.name().equals("GET /receipt"))
            .findFirst()
            .orElseThrow();
    Asset asset = Asset.ofSubtree(tree, Normaliser.defaults());
    AssetFormat.write(asset, assets.resolve("receipt.json"));
    String key = "receipt.json#" + asset.checkpoints().get(0).key();

    Path replayedFile = dir.resolve("replayed.jsonl");
    String replayedBody;
    String replayLog;
    try (AgentProcess app =
        start(
            List.of(
                "-Dcheckpoint.mode=REPLAY",
                "-Dcheckpoint.replay.source=" + assets.resolve("receipt.json")),
            replayedFile)) {
      // Later than the recording: real reads would differ from the recorded ones.
      Thread.sleep(5);
      replayedBody = receipt(app, key);
      app.stop();
      replayLog = app.log();
    }
    assertThat(JSON.readTree(replayedBody))
        .as("replayed with %s; its log:%n%s%n%s", key, replayLog, read(replayedFile))
        .isEqualTo(receipt);
    JsonNode replayed = one(read(replayedFile), c -> is(c, "HTTP_SERVER", "GET /receipt"));
    assertThat(replayed.at("/attributes/checkpoint.time"))
        .isEqualTo(entry.at("/attributes/checkpoint.time"));
    assertThat(replayed.at("/attributes/checkpoint.ids"))
        .isEqualTo(entry.at("/attributes/checkpoint.ids"));
  }

  @Test
  void whileRecordingIsOffTheCallsReadTheSystemClockAndNothingIsKept() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    JsonNode first;
    JsonNode second;
    try (AgentProcess app = start(List.of("-Dcheckpoint.mode=OFF"), checkpoints)) {
      first = JSON.readTree(receipt(app, null));
      Thread.sleep(5);
      second = JSON.readTree(receipt(app, null));
      app.stop();
    }
    assertThat(first.path("id")).isNotEqualTo(second.path("id"));
    assertThat(Instant.parse(second.path("issuedAt").asText()))
        .isAfter(Instant.parse(first.path("issuedAt").asText()));
    assertThat(read(checkpoints)).isEmpty();
  }

  private AgentProcess start(List<String> mode, Path checkpoints)
      throws IOException, InterruptedException {
    List<String> options =
        new ArrayList<>(
            List.of("-Dcheckpoint.exporter=jsonl", "-Dcheckpoint.jsonl.path=" + checkpoints));
    options.addAll(mode);
    return AgentProcess.start(
        dir,
        false,
        "example.plain.PlainApp",
        options,
        dir.resolve("shop-" + mode.hashCode()).toString());
  }

  private static String receipt(AgentProcess app, String replayKey)
      throws IOException, InterruptedException {
    return app.get(
        "/receipt",
        replayKey == null
            ? null
            : Baggage.empty()
                .with(Baggage.RUN_KEY, "replay-receipt")
                .with(Baggage.REPLAY_KEY, replayKey)
                .format());
  }
}
