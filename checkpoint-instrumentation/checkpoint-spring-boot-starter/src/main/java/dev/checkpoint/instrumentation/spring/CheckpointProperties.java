package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointConfig.ExporterType;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.replay.ReplayMissing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * The {@code checkpoint.*} properties: the recorder's settings (the same as the core's {@code
 * CHECKPOINT_*} settings, documented in {@code docs/configuration.md}) and one switch per
 * instrumentation. Values are checked when the recorder is created; a bad one stops the application
 * with a message naming the property.
 */
@ConfigurationProperties("checkpoint")
public final class CheckpointProperties {

  /** The core's defaults, written once in checkpoint-core; the properties start from them. */
  private static final CheckpointConfig DEFAULTS = CheckpointConfig.defaults();

  /** Whether the starter configures Checkpoint at all. */
  private boolean enabled = true;

  /**
   * What to record: OFF, ON, ON_DEMAND (only work carrying a run id in W3C baggage), or REPLAY (as
   * ON, answering replayed entry requests' calls from their recording; see checkpoint.replay.*).
   * Can be changed at run time through the control endpoint.
   */
  private RecordingMode mode = DEFAULTS.mode();

  /**
   * The service name recorded on every checkpoint. Defaults to spring.application.name, then to
   * the @SpringBootApplication class's name in kebab case without "Application" (ClinicApplication:
   * clinic).
   */
  private String serviceName;

  /**
   * Run id given to root checkpoints when mode is ON: 1 to 128 characters of letters, digits and .
   * _ : @ + -, starting with a letter or digit. Defaults to the run of this start,
   * manual-[service]-[UTC start time].
   */
  private String runId;

  /** Where checkpoints go: http (the checkpoint server), jsonl (a file), none. */
  private ExporterType exporter = DEFAULTS.exporter();

  /** Base URL of the checkpoint server for the http exporter. */
  private String endpoint = DEFAULTS.endpoint().toString();

  /** Ingest token sent as 'Authorization: Bearer' to the checkpoint server. */
  private String token;

  /** File the jsonl exporter appends to. */
  private String jsonlPath = DEFAULTS.jsonlPath().toString();

  /** Token for the control endpoint /checkpoint/control; the endpoint is not mounted without it. */
  private String controlToken;

  /** Limit per captured payload; a larger one becomes a marked preview. */
  @DataSizeUnit(DataUnit.BYTES)
  private DataSize maxPayloadBytes = DataSize.ofBytes(DEFAULTS.maxPayloadBytes());

  /** SQL result rows captured per statement. */
  private int maxRows = DEFAULTS.maxRows();

  /** Extra key patterns to redact, added to the built-in ones; /regex/ allowed. */
  private List<String> redactKeys = new ArrayList<>();

  private final Export export = new Export();

  private final Replay replay = new Replay();

  private final Instrumentation web = new Instrumentation();

  private final Instrumentation httpClient = new Instrumentation();

  private final Instrumentation jdbc = new Instrumentation();

  private final Instrumentation annotations = new Instrumentation();

  private final Instrumentation amqp = new Instrumentation();

  private final Instrumentation redis = new Instrumentation();

  /**
   * Whether the starter configures Checkpoint at all.
   *
   * @return {@code true} unless switched off
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Switches the starter on or off.
   *
   * @param enabled {@code false} to configure nothing
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The recording mode at start-up.
   *
   * @return the mode
   */
  public RecordingMode getMode() {
    return mode;
  }

  /**
   * Sets the recording mode at start-up.
   *
   * @param mode the mode
   */
  public void setMode(RecordingMode mode) {
    this.mode = mode;
  }

  /**
   * The configured service name.
   *
   * @return the name, or {@code null} to use {@code spring.application.name}
   */
  public String getServiceName() {
    return serviceName;
  }

  /**
   * Sets the service name.
   *
   * @param serviceName the name
   */
  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  /**
   * The run id for root checkpoints.
   *
   * @return the run id, or {@code null}
   */
  public String getRunId() {
    return runId;
  }

  /**
   * Sets the run id for root checkpoints.
   *
   * @param runId the run id
   */
  public void setRunId(String runId) {
    this.runId = runId;
  }

  /**
   * Where checkpoints go.
   *
   * @return the exporter type
   */
  public ExporterType getExporter() {
    return exporter;
  }

  /**
   * Sets where checkpoints go.
   *
   * @param exporter the exporter type
   */
  public void setExporter(ExporterType exporter) {
    this.exporter = exporter;
  }

  /**
   * The checkpoint server's base URL.
   *
   * @return the URL
   */
  public String getEndpoint() {
    return endpoint;
  }

  /**
   * Sets the checkpoint server's base URL.
   *
   * @param endpoint the URL
   */
  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * The ingest token.
   *
   * @return the token, or {@code null}
   */
  public String getToken() {
    return token;
  }

  /**
   * Sets the ingest token.
   *
   * @param token the token
   */
  public void setToken(String token) {
    this.token = token;
  }

  /**
   * The JSON Lines file.
   *
   * @return the path
   */
  public String getJsonlPath() {
    return jsonlPath;
  }

  /**
   * Sets the JSON Lines file.
   *
   * @param jsonlPath the path
   */
  public void setJsonlPath(String jsonlPath) {
    this.jsonlPath = jsonlPath;
  }

  /**
   * The control endpoint's token.
   *
   * @return the token, or {@code null} when the endpoint is off
   */
  public String getControlToken() {
    return controlToken;
  }

  /**
   * Sets the control endpoint's token.
   *
   * @param controlToken the token
   */
  public void setControlToken(String controlToken) {
    this.controlToken = controlToken;
  }

  /**
   * The limit per captured payload.
   *
   * @return the size
   */
  public DataSize getMaxPayloadBytes() {
    return maxPayloadBytes;
  }

  /**
   * Sets the limit per captured payload.
   *
   * @param maxPayloadBytes the size
   */
  public void setMaxPayloadBytes(DataSize maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /**
   * SQL result rows captured per statement.
   *
   * @return the row limit
   */
  public int getMaxRows() {
    return maxRows;
  }

  /**
   * Sets the SQL row limit.
   *
   * @param maxRows the row limit
   */
  public void setMaxRows(int maxRows) {
    this.maxRows = maxRows;
  }

  /**
   * Extra redaction patterns.
   *
   * @return the patterns
   */
  public List<String> getRedactKeys() {
    return redactKeys;
  }

  /**
   * Sets extra redaction patterns.
   *
   * @param redactKeys the patterns
   */
  public void setRedactKeys(List<String> redactKeys) {
    this.redactKeys = redactKeys;
  }

  /**
   * The export queue's bounds and timing.
   *
   * @return the export settings
   */
  public Export getExport() {
    return export;
  }

  /**
   * Where REPLAY mode reads recordings, and what an unmatched call does.
   *
   * @return the replay settings
   */
  public Replay getReplay() {
    return replay;
  }

  /**
   * The servlet filter recording {@code HTTP_SERVER} checkpoints, and the control endpoint.
   *
   * @return its switch
   */
  public Instrumentation getWeb() {
    return web;
  }

  /**
   * The {@code RestClient}, {@code RestTemplate} and {@code WebClient} instrumentation.
   *
   * @return its switch
   */
  public Instrumentation getHttpClient() {
    return httpClient;
  }

  /**
   * The wrapping of {@code DataSource} beans.
   *
   * @return its switch
   */
  public Instrumentation getJdbc() {
    return jdbc;
  }

  /**
   * The recording of {@code @Checkpoint} methods of Spring beans.
   *
   * @return its switch
   */
  public Instrumentation getAnnotations() {
    return annotations;
  }

  /**
   * The Spring AMQP instrumentation: publishes of the RabbitMQ connection factories and deliveries
   * to {@code @RabbitListener} containers.
   *
   * @return its switch
   */
  public Instrumentation getAmqp() {
    return amqp;
  }

  /**
   * The Spring Data Redis instrumentation: commands of the Lettuce connection factories.
   *
   * @return its switch
   */
  public Instrumentation getRedis() {
    return redis;
  }

  /** REPLAY mode: where recordings are read, and what an unmatched call does. */
  public static final class Replay {

    /** A checkpoint server's base URL (with run), or an asset file or folder. */
    private String source;

    /** The recorded run replayed entry requests come from, for a server source. */
    private String run;

    /** What a call that matches no recorded call does: FAIL, or CALL_REAL. */
    private ReplayMissing missing = ReplayMissing.FAIL;

    /** Created by Spring. */
    public Replay() {}

    /**
     * The source.
     *
     * @return the URL or path, or {@code null}
     */
    public String getSource() {
      return source;
    }

    /**
     * Sets the source.
     *
     * @param source the URL or path
     */
    public void setSource(String source) {
      this.source = source;
    }

    /**
     * The run.
     *
     * @return the run id, or {@code null}
     */
    public String getRun() {
      return run;
    }

    /**
     * Sets the run.
     *
     * @param run the run id
     */
    public void setRun(String run) {
      this.run = run;
    }

    /**
     * What an unmatched call does.
     *
     * @return the setting
     */
    public ReplayMissing getMissing() {
      return missing;
    }

    /**
     * Sets what an unmatched call does.
     *
     * @param missing the setting
     */
    public void setMissing(ReplayMissing missing) {
      this.missing = missing;
    }
  }

  /** Bounds and timing of the export queue. */
  public static final class Export {

    /** Checkpoints waiting for export at most; more are dropped and counted. */
    private int queueSize = DEFAULTS.export().maxQueueSize();

    /** Estimated bytes waiting for export at most. */
    @DataSizeUnit(DataUnit.BYTES)
    private DataSize queueBytes = DataSize.ofBytes(DEFAULTS.export().maxQueueBytes());

    /** Checkpoints per export batch at most. */
    private int batchSize = DEFAULTS.export().maxBatchSize();

    /** How long a partial batch waits before it is sent. */
    private Duration interval = DEFAULTS.export().exportInterval();

    /** How long a batch is retried after its first failed attempt before it is dropped. */
    private Duration retryWindow = DEFAULTS.export().retryWindow();

    /**
     * Timeout of one export request as a whole, response body included, and how long shutdown waits
     * for the last batches.
     */
    private Duration timeout = DEFAULTS.export().requestTimeout();

    /**
     * Checkpoints waiting for export at most.
     *
     * @return the queue size
     */
    public int getQueueSize() {
      return queueSize;
    }

    /**
     * Sets the queue size.
     *
     * @param queueSize checkpoints
     */
    public void setQueueSize(int queueSize) {
      this.queueSize = queueSize;
    }

    /**
     * Estimated bytes waiting for export at most.
     *
     * @return the size
     */
    public DataSize getQueueBytes() {
      return queueBytes;
    }

    /**
     * Sets the queue's byte bound.
     *
     * @param queueBytes the size
     */
    public void setQueueBytes(DataSize queueBytes) {
      this.queueBytes = queueBytes;
    }

    /**
     * Checkpoints per batch at most.
     *
     * @return the batch size
     */
    public int getBatchSize() {
      return batchSize;
    }

    /**
     * Sets the batch size.
     *
     * @param batchSize checkpoints
     */
    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    /**
     * How long a partial batch waits.
     *
     * @return the interval
     */
    public Duration getInterval() {
      return interval;
    }

    /**
     * Sets how long a partial batch waits.
     *
     * @param interval the interval
     */
    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    /**
     * How long a batch is retried after its first failed attempt.
     *
     * @return the window
     */
    public Duration getRetryWindow() {
      return retryWindow;
    }

    /**
     * Sets how long a batch is retried after its first failed attempt.
     *
     * @param retryWindow the window
     */
    public void setRetryWindow(Duration retryWindow) {
      this.retryWindow = retryWindow;
    }

    /**
     * Timeout of one export request.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets the timeout of one export request.
     *
     * @param timeout the timeout
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** The switch of one instrumentation. */
  public static final class Instrumentation {

    /** Whether this instrumentation is configured. */
    private boolean enabled = true;

    /**
     * Whether this instrumentation is configured.
     *
     * @return {@code true} unless switched off
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Switches this instrumentation on or off.
     *
     * @param enabled {@code false} to leave it out
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
