package dev.checkpoint.core;

import dev.checkpoint.RunId;
import dev.checkpoint.core.export.ExportSettings;
import dev.checkpoint.core.replay.ReplayMissing;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The recorder's configuration, read from system properties and environment variables (see {@link
 * Setting}) or built with {@link #builder()}. Every value read is checked: a bad one fails with one
 * {@link ConfigurationException} naming the setting, the value and what is accepted. Defaults are
 * {@link Setting}'s, written once there.
 */
public final class CheckpointConfig {

  /** Where checkpoints go. */
  public enum ExporterType {
    /** To the checkpoint server. */
    HTTP,
    /** To a JSON Lines file. */
    JSONL,
    /** Nowhere. */
    NONE
  }

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

  private final RecordingMode mode;
  private final String serviceName;
  private final String runId;
  private final ExporterType exporter;
  private final URI endpoint;
  private final String token;
  private final Path jsonlPath;
  private final String controlToken;
  private final int maxPayloadBytes;
  private final int maxRows;
  private final List<String> redactKeys;
  private final ExportSettings export;
  private final String replaySource;
  private final String replayRun;
  private final ReplayMissing replayMissing;

  private CheckpointConfig(Builder builder) {
    this.replaySource = builder.replaySource;
    this.replayRun = builder.replayRun;
    this.replayMissing = builder.replayMissing;
    this.mode = builder.mode;
    this.serviceName = builder.serviceName;
    this.runId = builder.runId;
    this.exporter = builder.exporter;
    this.endpoint = builder.endpoint;
    this.token = builder.token;
    this.jsonlPath = builder.jsonlPath;
    this.controlToken = builder.controlToken;
    this.maxPayloadBytes = builder.maxPayloadBytes;
    this.maxRows = builder.maxRows;
    this.redactKeys = List.copyOf(builder.redactKeys);
    this.export = builder.export;
  }

  /**
   * Starts from the defaults documented in {@link Setting}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults, as documented in {@link Setting}.
   *
   * @return the default configuration
   */
  public static CheckpointConfig defaults() {
    return builder().build();
  }

  /**
   * Reads system properties, then environment variables, then defaults.
   *
   * @return the configuration
   * @throws ConfigurationException when a value is invalid
   */
  public static CheckpointConfig fromEnvironment() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, String> properties = (Map) System.getProperties();
    return fromSources(properties, System.getenv());
  }

  /**
   * Reads the given sources; system properties win over environment variables.
   *
   * @param properties system-property-style names such as {@code checkpoint.mode}
   * @param environment variables such as {@code CHECKPOINT_MODE}
   * @return the configuration
   * @throws ConfigurationException when a value is invalid
   */
  public static CheckpointConfig fromSources(
      Map<String, String> properties, Map<String, String> environment) {
    Builder builder = builder();
    Reader reader = new Reader(properties, environment);
    reader.read(Setting.MODE, v -> builder.mode(parseEnum(Setting.MODE, v, RecordingMode.class)));
    reader.read(Setting.SERVICE_NAME, builder::serviceName);
    reader.read(Setting.RUN_ID, v -> builder.runId(parseRunId(v)));
    reader.read(
        Setting.EXPORTER,
        v -> builder.exporter(parseEnum(Setting.EXPORTER, v, ExporterType.class)));
    reader.read(Setting.ENDPOINT, v -> builder.endpoint(parseEndpoint(v)));
    reader.read(Setting.TOKEN, builder::token);
    reader.read(Setting.JSONL_PATH, v -> builder.jsonlPath(parsePath(v)));
    reader.read(Setting.CONTROL_TOKEN, builder::controlToken);
    reader.read(
        Setting.MAX_PAYLOAD_BYTES,
        v -> builder.maxPayloadBytes(Math.toIntExact(parseSize(Setting.MAX_PAYLOAD_BYTES, v))));
    reader.read(Setting.MAX_ROWS, v -> builder.maxRows(parseInt(Setting.MAX_ROWS, v)));
    reader.read(Setting.REDACT_KEYS, v -> builder.redactKeys(parseRedactKeys(v)));
    ExportSettings.Builder export = ExportSettings.builder();
    reader.read(Setting.QUEUE_SIZE, v -> export.maxQueueSize(parseInt(Setting.QUEUE_SIZE, v)));
    reader.read(Setting.QUEUE_BYTES, v -> export.maxQueueBytes(parseSize(Setting.QUEUE_BYTES, v)));
    reader.read(Setting.BATCH_SIZE, v -> export.maxBatchSize(parseInt(Setting.BATCH_SIZE, v)));
    reader.read(
        Setting.EXPORT_INTERVAL_MS,
        v -> export.exportInterval(millis(parseInt(Setting.EXPORT_INTERVAL_MS, v))));
    reader.read(
        Setting.EXPORT_RETRY_WINDOW_MS,
        v -> export.retryWindow(millis(parseInt(Setting.EXPORT_RETRY_WINDOW_MS, v))));
    reader.read(
        Setting.EXPORT_TIMEOUT_MS,
        v -> export.requestTimeout(millis(parseInt(Setting.EXPORT_TIMEOUT_MS, v))));
    reader.read(Setting.REPLAY_SOURCE, builder::replaySource);
    reader.read(Setting.REPLAY_RUN, v -> builder.replayRun(parseReplayRun(v)));
    reader.read(
        Setting.REPLAY_MISSING,
        v -> builder.replayMissing(parseEnum(Setting.REPLAY_MISSING, v, ReplayMissing.class)));
    return builder.export(export.build()).build();
  }

  /** REPLAY mode needs a source it can read; a server source needs the run it replays. */
  private static void checkReplay(CheckpointConfig config) {
    String source = config.replaySource;
    if (source == null) {
      if (config.mode == RecordingMode.REPLAY) {
        throw new ConfigurationException(
            Setting.MODE.environmentVariable()
                + "=REPLAY needs "
                + Setting.REPLAY_SOURCE.environmentVariable()
                + " (system property "
                + Setting.REPLAY_SOURCE.systemProperty()
                + "): a checkpoint server URL such as http://127.0.0.1:7070 with "
                + Setting.REPLAY_RUN.environmentVariable()
                + ", or an asset file or folder.");
      }
      return;
    }
    if (source.startsWith("http://") || source.startsWith("https://")) {
      try {
        URI uri = new URI(source.strip());
        if (uri.getHost() == null) {
          throw invalid(Setting.REPLAY_SOURCE, source, "an http URL with a host, or a path");
        }
      } catch (URISyntaxException e) {
        throw invalid(Setting.REPLAY_SOURCE, source, "an http URL with a host, or a path");
      }
      if (config.replayRun == null) {
        throw new ConfigurationException(
            "A checkpoint server as "
                + Setting.REPLAY_SOURCE.environmentVariable()
                + " ("
                + source
                + ") needs "
                + Setting.REPLAY_RUN.environmentVariable()
                + " (system property "
                + Setting.REPLAY_RUN.systemProperty()
                + "): the run the replayed entry requests were recorded in.");
      }
      return;
    }
    try {
      if (!Files.exists(Path.of(source))) {
        throw invalid(
            Setting.REPLAY_SOURCE,
            source,
            "an existing asset file or folder, or a checkpoint server URL (no such file)");
      }
    } catch (InvalidPathException e) {
      throw invalid(Setting.REPLAY_SOURCE, source, "an asset file or folder, or a server URL");
    }
  }

  private static String parseReplayRun(String value) {
    if (!RunId.isValid(value)) {
      throw invalid(Setting.REPLAY_RUN, value, RunId.RULE);
    }
    return value;
  }

  /**
   * A builder holding this configuration's values, to change some of them.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return builder()
        .mode(mode)
        .serviceName(serviceName)
        .runId(runId)
        .exporter(exporter)
        .endpoint(endpoint)
        .token(token)
        .jsonlPath(jsonlPath)
        .controlToken(controlToken)
        .maxPayloadBytes(maxPayloadBytes)
        .maxRows(maxRows)
        .redactKeys(redactKeys)
        .export(export)
        .replaySource(replaySource)
        .replayRun(replayRun)
        .replayMissing(replayMissing);
  }

  /** Where REPLAY mode reads recordings, or {@code null}. */
  public String replaySource() {
    return replaySource;
  }

  /** The run replayed entry requests come from, for a server source, or {@code null}. */
  public String replayRun() {
    return replayRun;
  }

  /** What a call in replay that matches no recorded call does. */
  public ReplayMissing replayMissing() {
    return replayMissing;
  }

  /** What to record. */
  public RecordingMode mode() {
    return mode;
  }

  /** The service name recorded on every checkpoint. */
  public String serviceName() {
    return serviceName;
  }

  /** The run id given to root checkpoints, or {@code null}. */
  public String runId() {
    return runId;
  }

  /** Where checkpoints go. */
  public ExporterType exporter() {
    return exporter;
  }

  /** The checkpoint server's base URL. */
  public URI endpoint() {
    return endpoint;
  }

  /** The ingest token, or {@code null}. */
  public String token() {
    return token;
  }

  /** The JSON Lines file. */
  public Path jsonlPath() {
    return jsonlPath;
  }

  /** The control endpoint's token, or {@code null} while the endpoint is disabled. */
  public String controlToken() {
    return controlToken;
  }

  /** The limit per captured payload in bytes. */
  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /** SQL result rows captured per statement. */
  public int maxRows() {
    return maxRows;
  }

  /** Redaction patterns added to the built-in ones. */
  public List<String> redactKeys() {
    return redactKeys;
  }

  /** The export queue's bounds and timing. */
  public ExportSettings export() {
    return export;
  }

  /** Configurations are equal when every value is. */
  @Override
  public boolean equals(Object other) {
    return other instanceof CheckpointConfig that
        && mode == that.mode
        && serviceName.equals(that.serviceName)
        && Objects.equals(runId, that.runId)
        && exporter == that.exporter
        && endpoint.equals(that.endpoint)
        && Objects.equals(token, that.token)
        && jsonlPath.equals(that.jsonlPath)
        && Objects.equals(controlToken, that.controlToken)
        && maxPayloadBytes == that.maxPayloadBytes
        && maxRows == that.maxRows
        && redactKeys.equals(that.redactKeys)
        && export.equals(that.export)
        && Objects.equals(replaySource, that.replaySource)
        && Objects.equals(replayRun, that.replayRun)
        && replayMissing == that.replayMissing;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        mode,
        serviceName,
        runId,
        exporter,
        endpoint,
        token,
        jsonlPath,
        controlToken,
        maxPayloadBytes,
        maxRows,
        redactKeys,
        export,
        replaySource,
        replayRun,
        replayMissing);
  }

  /** The values, tokens left out. */
  @Override
  public String toString() {
    return "CheckpointConfig[mode="
        + mode
        + ", serviceName="
        + serviceName
        + ", runId="
        + runId
        + ", exporter="
        + exporter
        + ", endpoint="
        + endpoint
        + ", jsonlPath="
        + jsonlPath
        + ", maxPayloadBytes="
        + maxPayloadBytes
        + ", maxRows="
        + maxRows
        + ", redactKeys="
        + redactKeys
        + ", export="
        + export
        + ", replaySource="
        + replaySource
        + ", replayRun="
        + replayRun
        + ", replayMissing="
        + replayMissing
        + "]";
  }

  /** Builds a {@link CheckpointConfig}; values not set keep {@link Setting}'s defaults. */
  public static final class Builder {
    private RecordingMode mode;
    private String serviceName;
    private String runId;
    private ExporterType exporter;
    private URI endpoint;
    private String token;
    private Path jsonlPath;
    private String controlToken;
    private int maxPayloadBytes;
    private int maxRows;
    private List<String> redactKeys = List.of();
    private ExportSettings export = ExportSettings.defaults();
    private String replaySource;
    private String replayRun;
    private ReplayMissing replayMissing = ReplayMissing.FAIL;

    private Builder() {
      mode = parseEnum(Setting.MODE, Setting.MODE.defaultValue(), RecordingMode.class);
      serviceName = Setting.SERVICE_NAME.defaultValue();
      exporter = parseEnum(Setting.EXPORTER, Setting.EXPORTER.defaultValue(), ExporterType.class);
      endpoint = parseEndpoint(Setting.ENDPOINT.defaultValue());
      jsonlPath = parsePath(Setting.JSONL_PATH.defaultValue());
      maxPayloadBytes =
          Math.toIntExact(
              parseSize(Setting.MAX_PAYLOAD_BYTES, Setting.MAX_PAYLOAD_BYTES.defaultValue()));
      maxRows = parseInt(Setting.MAX_ROWS, Setting.MAX_ROWS.defaultValue());
    }

    /** Sets what to record. */
    public Builder mode(RecordingMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Sets the service name. */
    public Builder serviceName(String serviceName) {
      this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
      return this;
    }

    /** Sets the run id for root checkpoints; {@code null} for none. */
    public Builder runId(String runId) {
      if (runId != null && !RunId.isValid(runId)) {
        throw new IllegalArgumentException("runId must be " + RunId.RULE + ", not " + runId);
      }
      this.runId = runId;
      return this;
    }

    /** Sets where checkpoints go. */
    public Builder exporter(ExporterType exporter) {
      this.exporter = Objects.requireNonNull(exporter, "exporter");
      return this;
    }

    /** Sets the checkpoint server's base URL. */
    public Builder endpoint(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** Sets the ingest token; {@code null} for none. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Sets the JSON Lines file. */
    public Builder jsonlPath(Path jsonlPath) {
      this.jsonlPath = Objects.requireNonNull(jsonlPath, "jsonlPath");
      return this;
    }

    /** Sets the control endpoint's token; {@code null} keeps the endpoint disabled. */
    public Builder controlToken(String controlToken) {
      this.controlToken = controlToken;
      return this;
    }

    /** Sets the limit per captured payload in bytes, positive. */
    public Builder maxPayloadBytes(int maxPayloadBytes) {
      this.maxPayloadBytes = positive(maxPayloadBytes, "maxPayloadBytes");
      return this;
    }

    /** Sets the SQL result rows captured per statement, positive. */
    public Builder maxRows(int maxRows) {
      this.maxRows = positive(maxRows, "maxRows");
      return this;
    }

    /** Sets the redaction patterns added to the built-in ones. */
    public Builder redactKeys(List<String> redactKeys) {
      this.redactKeys = List.copyOf(Objects.requireNonNull(redactKeys, "redactKeys"));
      return this;
    }

    /** Sets the export queue's bounds and timing. */
    public Builder export(ExportSettings export) {
      this.export = Objects.requireNonNull(export, "export");
      return this;
    }

    /**
     * Sets where REPLAY mode reads recordings.
     *
     * @param replaySource a checkpoint server URL, or an asset file or folder; {@code null} for
     *     none
     * @return this builder
     */
    public Builder replaySource(String replaySource) {
      this.replaySource = replaySource == null ? null : replaySource.strip();
      return this;
    }

    /**
     * Sets the run replayed entry requests come from.
     *
     * @param replayRun the run id, or {@code null}
     * @return this builder
     */
    public Builder replayRun(String replayRun) {
      this.replayRun = replayRun;
      return this;
    }

    /**
     * Sets what a call in replay that matches no recorded call does.
     *
     * @param replayMissing fail or call the real dependency
     * @return this builder
     */
    public Builder replayMissing(ReplayMissing replayMissing) {
      this.replayMissing = Objects.requireNonNull(replayMissing, "replayMissing");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws ConfigurationException when REPLAY mode has no usable replay source
     */
    public CheckpointConfig build() {
      CheckpointConfig config = new CheckpointConfig(this);
      checkReplay(config);
      return config;
    }

    private static int positive(int value, String name) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }

  private static Duration millis(int millis) {
    return Duration.ofMillis(millis);
  }

  private static <E extends Enum<E>> E parseEnum(Setting setting, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(setting, value, "one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

  private static int parseInt(Setting setting, String value) {
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below with the accepted form.
    }
    throw invalid(setting, value, "a positive whole number");
  }

  private static long parseSize(Setting setting, String value) {
    Matcher matcher = SIZE.matcher(value.strip());
    if (matcher.matches()) {
      try {
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        int shift =
            switch (unit) {
              case "KiB" -> 10;
              case "MiB" -> 20;
              case "GiB" -> 30;
              default -> 0;
            };
        long bytes = number << shift;
        if (number > 0 && bytes >> shift == number && bytes <= Integer.MAX_VALUE) {
          return bytes;
        }
      } catch (NumberFormatException e) {
        // Reported below with the accepted form.
      }
    }
    throw invalid(
        setting, value, "a positive size below 2 GiB in bytes or with KiB, MiB, GiB (e.g. 64KiB)");
  }

  private static String parseRunId(String value) {
    if (!RunId.isValid(value)) {
      throw invalid(Setting.RUN_ID, value, RunId.RULE);
    }
    return value;
  }

  private static URI parseEndpoint(String value) {
    try {
      URI uri = new URI(value.strip());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below with the accepted form.
    }
    throw invalid(Setting.ENDPOINT, value, "an http or https URL such as http://127.0.0.1:7070");
  }

  private static Path parsePath(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw invalid(Setting.JSONL_PATH, value, "a file path");
    }
  }

  private static List<String> parseRedactKeys(String value) {
    List<String> keys =
        Arrays.stream(value.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    for (String key : keys) {
      if (key.length() > 2 && key.startsWith("/") && key.endsWith("/")) {
        try {
          Pattern.compile(key.substring(1, key.length() - 1));
        } catch (PatternSyntaxException e) {
          throw invalid(
              Setting.REDACT_KEYS,
              key,
              "key fragments or valid /regular expressions/ (" + e.getDescription() + ")");
        }
      }
    }
    return keys;
  }

  private static ConfigurationException invalid(Setting setting, String value, String accepted) {
    return new ConfigurationException(
        "Invalid value '"
            + value
            + "' for "
            + setting.environmentVariable()
            + " (system property "
            + setting.systemProperty()
            + "): expected "
            + accepted
            + ".");
  }

  /** The value of each setting that is set, system property first. */
  private static final class Reader {
    private final Map<String, String> properties;
    private final Map<String, String> environment;

    Reader(Map<String, String> properties, Map<String, String> environment) {
      this.properties = properties;
      this.environment = environment;
    }

    void read(Setting setting, Consumer<String> apply) {
      String value = properties.get(setting.systemProperty());
      if (value == null) {
        value = environment.get(setting.environmentVariable());
      }
      if (value != null && !value.isBlank()) {
        apply.accept(value);
      }
    }
  }
}
