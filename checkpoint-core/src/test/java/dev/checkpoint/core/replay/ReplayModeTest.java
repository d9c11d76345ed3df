package dev.checkpoint.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.checkpoint.CheckpointClock;
import dev.checkpoint.CheckpointIds;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.ConfigurationException;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.export.WireFormat;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.W3cPropagation;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tree recorded in ON mode, stored by a stand-in for the checkpoint server's trace API, and an
 * entry request replayed in REPLAY mode: its calls, time and ids are answered from the recording.
 */
class ReplayModeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "recorded-1";

  private HttpServer server;
  private volatile String stored = "{\"checkpoints\": []}";
  private final InMemoryExporter recorded = InMemoryExporter.create();
  private final InMemoryExporter replayed = InMemoryExporter.create();
  private CheckpointRecorder recording;
  private CheckpointRecorder replaying;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/traces/",
        exchange -> {
          byte[] body = stored.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    recording =
        CheckpointRecorder.builder()
            .service("orders")
            .mode(RecordingMode.ON)
            .runId(RUN)
            .exporter(recorded)
            .build();
    replaying =
        CheckpointRecorder.fromConfig(
            CheckpointConfig.builder()
                .serviceName("orders")
                .mode(RecordingMode.REPLAY)
                .replaySource("http://127.0.0.1:" + server.getAddress().getPort())
                .replayRun(RUN)
                .build(),
            replayed);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    Checkpoints.uninstall(recording);
    Checkpoints.uninstall(replaying);
  }

  /** The entry: reads the time, makes an id, runs a statement with it, and another one. */
  private static List<JsonNode> serve(CheckpointRecorder recorder, Context incoming) {
    RecordingCheckpoint entry =
        recorder.startDetached(
            Kind.HTTP_SERVER, "POST /orders", Map.of("path", "/orders"), incoming);
    try (Scope ignored = entry.context().makeCurrent()) {
      Instant now = Instant.now(CheckpointClock.systemUtc());
      UUID id = CheckpointIds.randomUUID();
      JsonNode first = statement(recorder, "INSERT INTO orders VALUES (?, ?)", id, now);
      JsonNode second = statement(recorder, "SELECT id FROM orders WHERE id = ?", id, null);
      entry.setOutput(Map.of("id", id.toString(), "at", now.toString()));
      return List.of(first, second);
    } finally {
      entry.close();
    }
  }

  private static JsonNode statement(CheckpointRecorder recorder, String sql, UUID id, Instant at) {
    Map<String, Object> input =
        at == null
            ? Map.of("statement", sql, "parameters", Map.of("1", id.toString()))
            : Map.of(
                "statement", sql, "parameters", Map.of("1", id.toString(), "2", at.toString()));
    RecordingCheckpoint checkpoint =
        recorder.startDetached(Kind.SQL, sql.substring(0, 6), input, Context.current());
    try {
      if (checkpoint.isReplaying()) {
        RecordedCall answer = checkpoint.replay(input).orElseThrow();
        if (!answer.isMatched()) {
          throw new IllegalStateException(answer.failure());
        }
        checkpoint.setOutput(answer.output());
        return answer.output();
      }
      Map<String, Object> output =
          at == null
              ? Map.of("rows", List.of(Map.of("id", id.toString())))
              : Map.of("updateCount", 1);
      checkpoint.setOutput(output);
      return JSON.valueToTree(output);
    } finally {
      checkpoint.close();
    }
  }

  private String store(List<CheckpointData> checkpoints) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
      generator.writeStartObject();
      generator.writeArrayFieldStart("checkpoints");
      for (CheckpointData checkpoint : checkpoints) {
        WireFormat.write(generator, checkpoint);
      }
      generator.writeEndArray();
      generator.writeEndObject();
    }
    stored = out.toString();
    CheckpointData entry =
        checkpoints.stream().filter(c -> c.parentId() == null).findFirst().orElseThrow();
    return entry.traceId() + ":" + entry.id();
  }

  private static Context replayedRequest(String key) {
    return W3cPropagation.extract(null, "checkpoint.run=replay-1,checkpoint.replay=" + key)
        .orElseThrow();
  }

  @Test
  void anUnchangedEntryIsAnsweredFromTheRecordingWithTheSameTimeAndIds() throws Exception {
    Checkpoints.install(recording);
    List<JsonNode> recordedOutputs = serve(recording, Context.newTree(RUN));
    String key = store(recorded.checkpoints());

    Checkpoints.install(replaying);
    List<JsonNode> replayedOutputs = serve(replaying, replayedRequest(key));

    assertThat(replayedOutputs).isEqualTo(recordedOutputs);
    CheckpointData recordedEntry = recorded.checkpoints().get(2);
    CheckpointData replayedEntry = replayed.checkpoints().get(2);
    assertThat(replayedEntry.runId()).isEqualTo("replay-1");
    assertThat(replayedEntry.output()).isEqualTo(recordedEntry.output());
    assertThat(replayedEntry.attributes()).isEqualTo(recordedEntry.attributes());
    assertThat(recordedEntry.attributes().json()).contains("checkpoint.time", "checkpoint.ids");
    for (int i = 0; i < 2; i++) {
      assertThat(replayed.checkpoints().get(i).input())
          .isEqualTo(recorded.checkpoints().get(i).input());
      assertThat(replayed.checkpoints().get(i).error()).isNull();
    }
  }

  @Test
  void anUnmatchedCallIsAnErrorCheckpointNamingTheClosestRecordedCallAndWhatDiffers()
      throws Exception {
    Checkpoints.install(recording);
    serve(recording, Context.newTree(RUN));
    String key = store(recorded.checkpoints());
    Checkpoints.install(replaying);
    RecordingCheckpoint entry =
        replaying.startDetached(Kind.HTTP_SERVER, "POST /orders", null, replayedRequest(key));
    try (Scope ignored = entry.context().makeCurrent()) {
      assertThatThrownBy(
              () ->
                  statement(
                      replaying,
                      "SELECT id FROM order_lines WHERE id = ?",
                      UUID.randomUUID(),
                      null))
          .hasMessageContaining("Unexpected SQL call select id from order_lines where id=?")
          .hasMessageContaining("Closest recorded calls:")
          .hasMessageContaining("/statement")
          .hasMessageContaining("CHECKPOINT_REPLAY_MISSING=CALL_REAL");
    } finally {
      entry.close();
    }
    CheckpointData unmatched = replayed.checkpoints().get(0);
    assertThat(unmatched.error().type()).isEqualTo(ReplayMismatchException.class.getName());
  }

  /** A client of another system, marked as a dependency. */
  public interface Rates {
    /**
     * The rate of a currency.
     *
     * @param currency the currency
     * @return the rate
     */
    @dev.checkpoint.Checkpoint(dependency = true)
    Map<String, Integer> rate(String currency);
  }

  @Test
  void aMethodMarkedAsADependencyIsAnsweredFromTheRecordingWithoutRunning() throws Exception {
    Checkpoints.install(recording);
    Rates real = currency -> Map.of("cents", 110);
    RecordingCheckpoint entry =
        recording.startDetached(Kind.HTTP_SERVER, "GET /rates", null, Context.newTree(RUN));
    try (Scope ignored = entry.context().makeCurrent()) {
      Checkpoints.wrap(Rates.class, real).rate("EUR");
    } finally {
      entry.close();
    }
    String key = store(recorded.checkpoints());

    Checkpoints.install(replaying);
    Rates notRunning =
        currency -> {
          throw new IllegalStateException("the dependency ran in replay");
        };
    Map<String, Integer> rate;
    RecordingCheckpoint replayedEntry =
        replaying.startDetached(Kind.HTTP_SERVER, "GET /rates", null, replayedRequest(key));
    try (Scope ignored = replayedEntry.context().makeCurrent()) {
      rate = Checkpoints.wrap(Rates.class, notRunning).rate("EUR");
    } finally {
      replayedEntry.close();
    }

    assertThat(rate).isEqualTo(Map.of("cents", 110));
    CheckpointData method = replayed.checkpoints().get(0);
    assertThat(method.output()).isEqualTo(recorded.checkpoints().get(0).output());
    assertThat(method.attributes().json()).contains("\"dependency\":true");
  }

  @Test
  void anUnknownTraceFailsEveryCallWithWhatToFix() throws Exception {
    stored = "{\"checkpoints\": []}";
    Checkpoints.install(replaying);
    String key = "0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331";
    RecordingCheckpoint entry =
        replaying.startDetached(Kind.HTTP_SERVER, "POST /orders", null, replayedRequest(key));
    try (Scope ignored = entry.context().makeCurrent()) {
      assertThatThrownBy(() -> statement(replaying, "SELECT 1", UUID.randomUUID(), null))
          .hasMessage(
              "Trace 0af7651916cd43dd8448eb211c80319c on http://127.0.0.1:"
                  + server.getAddress().getPort()
                  + " has no checkpoint b7ad6b7169203331. Replay the entry checkpoint ids of that"
                  + " tree as the server lists them.");
    } finally {
      entry.close();
    }
  }

  @Test
  void replayModeWithoutASourceOrAServerWithoutARunIsAConfigurationError() {
    assertThatThrownBy(
            () -> CheckpointConfig.fromSources(Map.of("checkpoint.mode", "REPLAY"), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "CHECKPOINT_MODE=REPLAY needs CHECKPOINT_REPLAY_SOURCE (system property"
                + " checkpoint.replay.source): a checkpoint server URL such as"
                + " http://127.0.0.1:7070 with CHECKPOINT_REPLAY_RUN, or an asset file or folder.");
    assertThatThrownBy(
            () ->
                CheckpointConfig.fromSources(
                    Map.of(),
                    Map.of(
                        "CHECKPOINT_MODE", "REPLAY", "CHECKPOINT_REPLAY_SOURCE", "http://h:7070")))
        .hasMessageContaining("needs CHECKPOINT_REPLAY_RUN");
  }

  @Test
  void outsideReplayTheClockAndIdsAreTheSystemsAndNothingIsAnswered() {
    Checkpoints.install(recording);
    Instant before = Instant.now();
    assertThat(Instant.now(CheckpointClock.systemUtc())).isAfterOrEqualTo(before);
    assertThat(CheckpointIds.randomUUID()).isNotEqualTo(CheckpointIds.randomUUID());
    RecordingCheckpoint checkpoint =
        recording.startDetached(Kind.SQL, "SELECT", null, Context.newTree(RUN));
    assertThat(checkpoint.isReplaying()).isFalse();
    assertThat(checkpoint.replay(Map.of())).isEmpty();
    checkpoint.close();
  }
}
