package dev.checkpoint.junit.internal;

import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.assets.replay.ReplayViews;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.replay.ReplayDataSource;
import dev.checkpoint.junit.RecordMode;
import dev.checkpoint.junit.RecordedCall;
import dev.checkpoint.junit.Replay;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The replay or recording of one test: its ledger, stub server, data source and recorder. Public
 * only for the benchmarks, which replay without a JUnit engine.
 */
public final class ReplaySession implements Replay, AutoCloseable {

  /*
   * The replay of the test running now, for beans of a Spring application context, which Spring
   * caches across test classes and which therefore cannot be handed the session of each test.
   * Replay tests that share such a context run one at a time.
   */
  private static final AtomicReference<ReplaySession> REPLAYING = new AtomicReference<>();

  /** Every protocol a test's replay answers. */
  static final Set<ReplayViews.Protocol> ALL =
      Set.of(
          ReplayViews.Protocol.HTTP,
          ReplayViews.Protocol.SQL,
          ReplayViews.Protocol.CACHE,
          ReplayViews.Protocol.MESSAGE);

  /** The protocols answered by the stub server and the data source, which any client can use. */
  static final Set<ReplayViews.Protocol> STUBBED =
      Set.of(ReplayViews.Protocol.HTTP, ReplayViews.Protocol.SQL);

  /** The protocols answered where the client sends them, by {@link #recorder()}. */
  private static final Set<ReplayViews.Protocol> BY_THE_CLIENT =
      Set.of(ReplayViews.Protocol.CACHE, ReplayViews.Protocol.MESSAGE);

  private final RecordMode mode;
  private final boolean recording;
  private final boolean strict;
  private final Path file;
  private final Asset existing;
  private final InMemoryExporter exporter;
  private final CheckpointRecorder recorder;
  private final Set<ReplayViews.Protocol> answered;
  private volatile String name;
  private volatile ReplayLedger ledger;
  private HttpStub stub;
  private ReplayDataSource dataSource;

  private ReplaySession(
      String name,
      RecordMode mode,
      boolean recording,
      boolean strict,
      Path file,
      Asset existing,
      String service,
      Set<ReplayViews.Protocol> answered) {
    this.name = name;
    this.answered = Set.copyOf(answered);
    this.mode = mode;
    this.recording = recording;
    this.strict = strict;
    this.file = file;
    this.existing = existing;
    if (recording) {
      exporter = InMemoryExporter.create();
      recorder =
          CheckpointRecorder.builder()
              .service(service)
              .mode(RecordingMode.ON)
              .exporter(exporter)
              .build()
              .install();
      ledger = ReplayLedger.of(name, List.of(), Normaliser.none());
    } else {
      exporter = null;
      // Redis commands and message publishes are answered where the client sends them; HTTP and
      // SQL by the stub server and the data source, which any client can be pointed at.
      recorder =
          CheckpointRecorder.builder()
              .service(service)
              .mode(RecordingMode.ON)
              .replayFrom(this::ledger, clientAnswered(answered))
              .build();
      ledger =
          existing == null
              ? ReplayLedger.of(name, List.of(), Normaliser.none())
              : ReplayLedger.of(name, existing.checkpoints(), existing.normaliser(), answered);
      REPLAYING.set(this);
    }
  }

  /**
   * The session replaying now, for beans that answer from the running test's recording.
   *
   * @return the session; empty while no test replays
   */
  public static Optional<ReplaySession> replaying() {
    return Optional.ofNullable(REPLAYING.get());
  }

  /**
   * A strict replay of an asset, outside JUnit.
   *
   * @param name the asset's name, for messages
   * @param asset the asset
   * @return the session; close it to stop its stub server
   */
  public static ReplaySession of(String name, Asset asset) {
    return replaying(
        name, RecordMode.NONE, true, Objects.requireNonNull(asset, "asset"), "test", ALL);
  }

  /**
   * A replay answering the calls of some protocols: all of them ({@link #ALL}) for a plain test,
   * whose clients are instrumented with {@link #recorder()}; HTTP and SQL only ({@link #STUBBED})
   * for a Spring test, whose beans record with the starter's own recorder.
   */
  static ReplaySession replaying(
      String name,
      RecordMode mode,
      boolean strict,
      Asset asset,
      String service,
      Set<ReplayViews.Protocol> answered) {
    return new ReplaySession(name, mode, false, strict, null, asset, service, answered);
  }

  static ReplaySession recording(
      String name, RecordMode mode, Path file, Asset existing, String service) {
    return new ReplaySession(name, mode, true, false, file, existing, service, ALL);
  }

  /** Answers from one recorded call's downstream calls instead of the asset. */
  void replayCall(RecordedCall call) {
    name = call.toString();
    ledger = ReplayLedger.of(name, List.of(call.checkpoint()), call.normaliser(), answered);
  }

  private static Set<ReplayViews.Protocol> clientAnswered(Set<ReplayViews.Protocol> answered) {
    return answered.stream()
        .filter(BY_THE_CLIENT::contains)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * What was recorded and what of it was answered.
   *
   * @return the ledger
   */
  public ReplayLedger ledger() {
    return ledger;
  }

  boolean strict() {
    return strict;
  }

  Path file() {
    return file;
  }

  Asset existing() {
    return existing;
  }

  InMemoryExporter exporter() {
    return exporter;
  }

  @Override
  public synchronized URI baseUri() {
    if (recording) {
      throw new IllegalStateException(
          "This test records "
              + name
              + ", which needs the live service: configure the component with"
              + " replay.baseUri(liveUri) instead of replay.baseUri().");
    }
    if (stub == null) {
      stub = HttpStub.start(this::ledger);
    }
    return stub.baseUri();
  }

  @Override
  public URI baseUri(URI live) {
    return recording ? Objects.requireNonNull(live, "live service to record") : baseUri();
  }

  @Override
  public synchronized DataSource dataSource() {
    if (recording) {
      throw new IllegalStateException(
          "This test records "
              + name
              + ", which needs a live database: configure the component with"
              + " replay.dataSource(liveDataSource) instead of replay.dataSource().");
    }
    if (dataSource == null) {
      dataSource = new ReplayDataSource(this::ledger);
    }
    return dataSource;
  }

  @Override
  public DataSource dataSource(DataSource live) {
    return recording ? Objects.requireNonNull(live, "live data source to record") : dataSource();
  }

  @Override
  public RecordedCall entry() {
    if (recording || existing == null || existing.checkpoints().isEmpty()) {
      throw new IllegalStateException(
          recording
              ? "This test records "
                  + name
                  + ": there is no recorded entry call until the asset is written."
              : "The replay of " + name + " has no recorded checkpoints to take the entry from.");
    }
    return RecordedCall.of(name, 1, existing, existing.checkpoints().get(0));
  }

  @Override
  public CheckpointRecorder recorder() {
    return recorder;
  }

  @Override
  public boolean isRecording() {
    return recording;
  }

  @Override
  public RecordMode mode() {
    return mode;
  }

  @Override
  public String asset() {
    return name;
  }

  @Override
  public synchronized void close() {
    REPLAYING.compareAndSet(this, null);
    if (stub != null) {
      stub.close();
      stub = null;
    }
    if (recording) {
      // Recording stops with the test: later checkpoints of this thread go nowhere.
      CheckpointRecorder.builder().build().install();
    }
  }

  @Override
  public String toString() {
    return "Replay[" + name + ", " + (recording ? "recording" : "replaying") + ", " + mode + "]";
  }
}
