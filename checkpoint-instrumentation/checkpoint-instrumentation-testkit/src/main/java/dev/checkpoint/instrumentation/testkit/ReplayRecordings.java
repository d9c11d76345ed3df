package dev.checkpoint.instrumentation.testkit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.Kind;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.assets.replay.ReplayViews;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.export.WireFormat;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.core.propagation.W3cPropagation;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Record, then replay, in one test: work recorded under an entry checkpoint is written as an asset,
 * and the same work is run again under an entry checkpoint of a {@code REPLAY} recorder reading
 * that asset, as a replayed entry request would be served.
 */
public final class ReplayRecordings {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplayRecordings() {}

  /** Work that runs inside an entry checkpoint. */
  @FunctionalInterface
  public interface Work {
    /**
     * Runs it.
     *
     * @throws Exception what it throws
     */
    void run() throws Exception;
  }

  /**
   * Runs work under an entry checkpoint of a recording recorder and writes the tree as the asset
   * {@code recorded.json} in {@code dir}.
   *
   * @param recorder a recorder in mode ON
   * @param exporter where it exports, emptied first
   * @param dir the folder for the asset
   * @param work the work
   * @return the replay key of the entry, for {@link #replay}
   * @throws Exception what the work throws
   */
  public static String record(
      CheckpointRecorder recorder, InMemoryExporter exporter, Path dir, Work work)
      throws Exception {
    exporter.reset();
    RecordingCheckpoint entry =
        recorder.startDetached(Kind.HTTP_SERVER, "POST /entry", null, Context.newTree("recorded"));
    try (Scope ignored = entry.context().makeCurrent()) {
      work.run();
    } finally {
      entry.close();
    }
    return writeAsset(exporter, dir);
  }

  /**
   * Writes the one tree an exporter holds as the asset {@code recorded.json} in {@code dir}, for
   * entries recorded by the instrumentation itself (a consumed message, a served request).
   *
   * @param exporter where a recorder in mode ON exported one tree
   * @param dir the folder for the asset
   * @return the replay key of the tree's root, for {@link #replay} or a replayed entry's baggage
   * @throws IOException when the asset cannot be written
   */
  public static String writeAsset(InMemoryExporter exporter, Path dir) throws IOException {
    List<JsonNode> wire = new ArrayList<>();
    for (CheckpointData checkpoint : exporter.checkpoints()) {
      wire.add(wire(checkpoint));
    }
    CheckpointNode root = CheckpointTrees.assemble(wire).get(0);
    AssetFormat.write(Asset.ofSubtree(root, Normaliser.defaults()), dir.resolve("recorded.json"));
    return "recorded.json#" + root.key();
  }

  /**
   * A recorder replaying from the assets in {@code dir}.
   *
   * @param capture the capture of the recorder that recorded them
   * @param exporter where it exports
   * @param dir the folder
   * @return the recorder, in mode REPLAY
   */
  public static CheckpointRecorder replayer(
      PayloadCapture capture, InMemoryExporter exporter, Path dir) {
    return CheckpointRecorder.builder()
        .service("client-under-test")
        .mode(RecordingMode.REPLAY)
        .capture(capture)
        .replaySource(dir.toString(), null, null)
        .exporter(exporter)
        .build();
  }

  /**
   * The recorded outbound calls of the asset {@code recorded.json} in {@code dir}, collected as the
   * JUnit replay ({@code @CheckpointReplay}) collects those of the asset it replays.
   *
   * @param dir the folder holding the asset
   * @return the ledger
   * @throws IOException when the asset cannot be read
   */
  public static ReplayLedger testLedger(Path dir) throws IOException {
    Asset asset = AssetFormat.read(dir.resolve("recorded.json"));
    return ReplayLedger.of("recorded.json", asset.checkpoints(), asset.normaliser());
  }

  /**
   * A recorder answering Redis commands and message publishes from a ledger, built as the JUnit
   * replay builds the recorder a test instruments its clients with.
   *
   * @param capture the capture of the recorder that recorded the asset
   * @param exporter where it exports
   * @param ledger the recorded calls, from {@link #testLedger}
   * @return the recorder, in mode ON
   */
  public static CheckpointRecorder testReplayer(
      PayloadCapture capture, InMemoryExporter exporter, ReplayLedger ledger) {
    return CheckpointRecorder.builder()
        .service("test")
        .mode(RecordingMode.ON)
        .capture(capture)
        .exporter(exporter)
        .replayFrom(() -> ledger, Set.of(ReplayViews.Protocol.CACHE, ReplayViews.Protocol.MESSAGE))
        .build();
  }

  /**
   * Runs work as a replayed entry request with the given key.
   *
   * @param replayer a recorder in mode REPLAY
   * @param key the recording's key
   * @param work the work
   * @throws Exception what the work throws
   */
  public static void replay(CheckpointRecorder replayer, String key, Work work) throws Exception {
    Context incoming =
        W3cPropagation.extract(
                null,
                Baggage.empty()
                    .with(Baggage.RUN_KEY, "replayed")
                    .with(Baggage.REPLAY_KEY, key)
                    .format())
            .orElseThrow();
    RecordingCheckpoint entry =
        replayer.startDetached(Kind.HTTP_SERVER, "POST /entry", null, incoming);
    try (Scope ignored = entry.context().makeCurrent()) {
      work.run();
    } finally {
      entry.close();
    }
  }

  private static JsonNode wire(CheckpointData checkpoint) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
      WireFormat.write(generator, checkpoint);
    }
    return JSON.readTree(out.toString());
  }
}
