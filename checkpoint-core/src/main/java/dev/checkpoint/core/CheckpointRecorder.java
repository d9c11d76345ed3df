package dev.checkpoint.core;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.Kind;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.assets.replay.ReplayViews;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.export.JsonlFileExporter;
import dev.checkpoint.core.internal.LocalTree;
import dev.checkpoint.core.internal.RecordedOutcomes;
import dev.checkpoint.core.internal.ReplaySession;
import dev.checkpoint.core.internal.ReplaySource;
import dev.checkpoint.core.internal.ThrottledLog;
import dev.checkpoint.core.model.Ids;
import dev.checkpoint.core.replay.ReplayMissing;
import dev.checkpoint.spi.ReplayedOutcome;
import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The implementation behind {@link Checkpoints}: decides from the recording mode and the current
 * {@link Context} whether a call is recorded, captures its payloads and hands finished checkpoints
 * to the exporter.
 *
 * <p>While the mode is {@link RecordingMode#OFF} a checkpoint costs one volatile read. Nothing here
 * throws into the application: failures are logged (at most once a minute) and the call goes on
 * unrecorded.
 */
public final class CheckpointRecorder implements Instrumenter {

  private static final ThrottledLog LOG = new ThrottledLog(CheckpointRecorder.class.getName());

  private final String service;
  private final CheckpointExporter exporter;
  private final PayloadCapture capture;
  private final RecordingControl control;
  private final int maxRows;
  private final ReplaySource replaySource;
  private final ReplayMissing replayMissing;
  private final Supplier<ReplayLedger> replayLedger;
  private final Set<ReplayViews.Protocol> replayedProtocols;

  private CheckpointRecorder(Builder builder) {
    this.service = builder.service;
    this.exporter = builder.exporter;
    this.capture = builder.capture;
    this.maxRows = builder.maxRows;
    this.replaySource =
        builder.replaySource == null
            ? null
            : ReplaySource.of(builder.replaySource, builder.replayRun, builder.replayToken);
    this.replayMissing = builder.replayMissing;
    this.replayLedger = builder.replayLedger;
    this.replayedProtocols = builder.replayedProtocols;
    this.control =
        new RecordingControl(
            service,
            new RecordingControl.State(builder.mode, builder.runId),
            builder.controlToken,
            exporter::stats,
            replaySource != null);
  }

  /**
   * Starts building a recorder.
   *
   * @return a builder with the defaults: mode OFF, no exporter
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a recorder and its exporter from a configuration.
   *
   * @param config the configuration
   * @return the recorder
   */
  public static CheckpointRecorder fromConfig(CheckpointConfig config) {
    return fromConfig(config, exporterFor(config));
  }

  /**
   * Creates a recorder from a configuration but with an exporter of the caller's own; the
   * configuration's exporter settings are then not used.
   *
   * @param config the configuration
   * @param exporter where finished checkpoints go
   * @return the recorder
   */
  public static CheckpointRecorder fromConfig(
      CheckpointConfig config, CheckpointExporter exporter) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(exporter, "exporter");
    return builder()
        .service(config.serviceName())
        .mode(config.mode())
        .runId(config.runId())
        .controlToken(config.controlToken())
        .capture(
            PayloadCapture.create(
                Redaction.withExtra(config.redactKeys()), config.maxPayloadBytes()))
        .maxRows(config.maxRows())
        .replaySource(config.replaySource(), config.replayRun(), config.token())
        .replayMissing(config.replayMissing())
        .exporter(exporter)
        .build();
  }

  /**
   * Creates the exporter a configuration names ({@code CHECKPOINT_EXPORTER}), started: for a caller
   * that creates it later than the recorder, such as the Java agent on the first export.
   *
   * @param config the configuration
   * @return the running exporter
   * @throws java.io.UncheckedIOException when the JSONL file cannot be opened
   */
  public static CheckpointExporter exporterFor(CheckpointConfig config) {
    return switch (config.exporter()) {
      case HTTP ->
          CheckpointExporter.http(config.endpoint())
              .token(config.token())
              .service(config.serviceName())
              .settings(config.export())
              .build();
      case JSONL -> JsonlFileExporter.create(config.jsonlPath());
      case NONE -> CheckpointExporter.noop();
    };
  }

  /**
   * Makes this the recorder behind {@link Checkpoints}.
   *
   * @return this recorder
   */
  public CheckpointRecorder install() {
    Checkpoints.install(this);
    return this;
  }

  @Override
  public boolean isEnabled() {
    return control.state().mode() != RecordingMode.OFF;
  }

  @Override
  public ActiveCheckpoint start(Kind kind, String name, Object input) {
    RecordingCheckpoint checkpoint = startDetached(kind, name, input, Context.current());
    if (!checkpoint.isRecording()) {
      return ActiveCheckpoint.noop();
    }
    checkpoint.attach();
    return checkpoint;
  }

  @Override
  public RecordingCheckpoint startDetached(Kind kind, String name, Object input, Context parent) {
    RecordingControl.State state = control.state();
    if (state.mode() == RecordingMode.OFF) {
      return RecordingCheckpoint.NOT_RECORDED;
    }
    try {
      String contextRunId = parent == null ? null : parent.runId();
      if (state.mode() == RecordingMode.ON_DEMAND && contextRunId == null) {
        return RecordingCheckpoint.NOT_RECORDED;
      }
      RecordingCheckpoint parentCheckpoint = parent == null ? null : parent.checkpoint();
      LocalTree tree;
      if (parentCheckpoint != null) {
        parentCheckpoint.childStarted();
        tree = parent.tree();
      } else {
        tree = new LocalTree(replayOf(state, parent));
      }
      return new RecordingCheckpoint(
          this,
          Objects.requireNonNull(kind, "kind"),
          Objects.requireNonNull(name, "name"),
          parent == null ? Ids.newTraceId() : parent.traceId(),
          parent == null ? null : parent.checkpointId(),
          contextRunId != null ? contextRunId : state.runId(),
          input,
          tree,
          parentCheckpoint == null);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Checkpoint '" + name + "' was not recorded: " + e, e);
      return RecordingCheckpoint.NOT_RECORDED;
    }
  }

  /**
   * The replay of an entry checkpoint started under {@code parent}: in {@code REPLAY} mode, when
   * the entry request names a recording in its baggage.
   */
  private ReplaySession replayOf(RecordingControl.State state, Context parent) {
    if (replayLedger != null) {
      return ReplaySession.answering(replayLedger.get(), replayedProtocols);
    }
    if (state.mode() != RecordingMode.REPLAY || parent == null || parent.replayKey() == null) {
      return null;
    }
    if (replaySource == null) {
      return ReplaySession.failed(
          "Replay mode has no recording to answer from: set CHECKPOINT_REPLAY_SOURCE to a"
              + " checkpoint server URL (with CHECKPOINT_REPLAY_RUN) or an asset file or folder.",
          replayMissing);
    }
    try {
      return ReplaySession.of(replaySource.entry(parent.replayKey()), replayMissing);
    } catch (ReplaySource.LoadException e) {
      LOG.log(Level.WARNING, "Replay of " + parent.replayKey() + ": " + e.getMessage(), e);
      return ReplaySession.failed(e.getMessage(), replayMissing);
    }
  }

  @Override
  public Optional<ReplayedOutcome> replay(ActiveCheckpoint checkpoint, Type returnType) {
    if (!(checkpoint instanceof RecordingCheckpoint recording) || !recording.isReplaying()) {
      return Optional.empty();
    }
    return recording.replay().map(answer -> RecordedOutcomes.of(answer, returnType));
  }

  @Override
  public Instant instant(Instant observed) {
    if (control.state().mode() == RecordingMode.OFF) {
      return observed;
    }
    Context context = Context.current();
    LocalTree tree = context == null ? null : context.tree();
    return tree == null ? observed : tree.instant(observed);
  }

  @Override
  public UUID uuid(UUID generated) {
    if (control.state().mode() == RecordingMode.OFF) {
      return generated;
    }
    Context context = Context.current();
    LocalTree tree = context == null ? null : context.tree();
    return tree == null ? generated : tree.uuid(generated);
  }

  @Override
  public ActiveCheckpoint current() {
    Context context = Context.current();
    RecordingCheckpoint checkpoint = context == null ? null : context.checkpoint();
    return checkpoint == null ? ActiveCheckpoint.noop() : checkpoint;
  }

  /**
   * The run-time switch for mode and run id.
   *
   * @return the control
   */
  public RecordingControl control() {
    return control;
  }

  @Override
  public PayloadCapture capture() {
    return capture;
  }

  /**
   * The service name recorded on every checkpoint.
   *
   * @return the service name
   */
  public String service() {
    return service;
  }

  @Override
  public int maxRows() {
    return maxRows;
  }

  /**
   * The exporter finished checkpoints go to.
   *
   * @return the exporter
   */
  public CheckpointExporter exporter() {
    return exporter;
  }

  /**
   * Exports what is queued, then stops the exporter.
   *
   * @param timeout how long to wait at most
   * @return {@code true} when everything was exported in time
   */
  public boolean shutdown(Duration timeout) {
    return exporter.shutdown(timeout);
  }

  /**
   * Builds a {@link CheckpointRecorder}. Values not set are {@link CheckpointConfig#defaults()}'s,
   * except the exporter, which is none.
   */
  public static final class Builder {
    private String service;
    private RecordingMode mode;
    private String runId;
    private String controlToken;
    private CheckpointExporter exporter = CheckpointExporter.noop();
    private PayloadCapture capture;
    private int maxRows;
    private String replaySource;
    private String replayRun;
    private String replayToken;
    private ReplayMissing replayMissing = ReplayMissing.FAIL;
    private Supplier<ReplayLedger> replayLedger;
    private Set<ReplayViews.Protocol> replayedProtocols = Set.of();

    private Builder() {
      CheckpointConfig defaults = CheckpointConfig.defaults();
      service = defaults.serviceName();
      mode = defaults.mode();
      capture = PayloadCapture.create(Redaction.defaults(), defaults.maxPayloadBytes());
      maxRows = defaults.maxRows();
    }

    /**
     * Sets the service name.
     *
     * @param service the name recorded on every checkpoint
     * @return this builder
     */
    public Builder service(String service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /**
     * Sets the initial mode.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder mode(RecordingMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets the initial run id for root checkpoints.
     *
     * @param runId the run id, or {@code null}
     * @return this builder
     */
    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    /**
     * Enables the control endpoint with this token.
     *
     * @param controlToken the token, or {@code null} to keep it disabled
     * @return this builder
     */
    public Builder controlToken(String controlToken) {
      this.controlToken = controlToken;
      return this;
    }

    /**
     * Sets where finished checkpoints go.
     *
     * @param exporter the exporter
     * @return this builder
     */
    public Builder exporter(CheckpointExporter exporter) {
      this.exporter = Objects.requireNonNull(exporter, "exporter");
      return this;
    }

    /**
     * Sets payload capture: redaction and size limit.
     *
     * @param capture the capture
     * @return this builder
     */
    public Builder capture(PayloadCapture capture) {
      this.capture = Objects.requireNonNull(capture, "capture");
      return this;
    }

    /**
     * Sets the SQL row limit.
     *
     * @param maxRows rows per statement, positive
     * @return this builder
     */
    public Builder maxRows(int maxRows) {
      if (maxRows <= 0) {
        throw new IllegalArgumentException("maxRows must be positive, was " + maxRows);
      }
      this.maxRows = maxRows;
      return this;
    }

    /**
     * Makes every tree this recorder starts answer calls of some kinds from recorded calls, as a
     * replayed entry request is answered in {@code REPLAY} mode, with unmatched calls failing: for
     * a test library that replays an asset without entry requests (the JUnit replay's recorder).
     * The recorder must record ({@code ON}) for its instrumentation to ask.
     *
     * @param ledger gives the recorded calls when a tree starts
     * @param answered the kinds of calls answered; others reach their dependency
     * @return this builder
     */
    public Builder replayFrom(Supplier<ReplayLedger> ledger, Set<ReplayViews.Protocol> answered) {
      this.replayLedger = Objects.requireNonNull(ledger, "ledger");
      this.replayedProtocols = Set.copyOf(answered);
      return this;
    }

    /**
     * Sets where {@code REPLAY} mode reads the recordings of replayed entry requests from.
     *
     * @param source a checkpoint server's base URL, or an asset file or folder; {@code null} for
     *     none
     * @param run the run the entry requests come from, for a server
     * @param token the bearer token for reading from the server, or {@code null}
     * @return this builder
     */
    public Builder replaySource(String source, String run, String token) {
      this.replaySource = source;
      this.replayRun = run;
      this.replayToken = token;
      return this;
    }

    /**
     * Sets what a call made in replay does when no recorded call matches it.
     *
     * @param missing fail (the default) or call the real dependency
     * @return this builder
     */
    public Builder replayMissing(ReplayMissing missing) {
      this.replayMissing = Objects.requireNonNull(missing, "missing");
      return this;
    }

    /**
     * Builds the recorder. It is not installed behind {@link Checkpoints} until {@link
     * CheckpointRecorder#install()}.
     *
     * @return the recorder
     */
    public CheckpointRecorder build() {
      return new CheckpointRecorder(this);
    }
  }
}
