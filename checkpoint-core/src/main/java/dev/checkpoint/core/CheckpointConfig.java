package dev.checkpoint.core;

import dev.checkpoint.RunId;
import dev.checkpoint.core.export.ExportSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The recorder's configuration, read from system properties and environment variables (see {@link
 * Setting}). Every value is checked when it is read: a bad one fails with one {@link
 * ConfigurationException} naming the setting, the value and what is accepted.
 *
 * @param mode what to record
 * @param serviceName the service name
 * @param runId run id for root checkpoints, or {@code null}
 * @param exporter where checkpoints go
 * @param endpoint the checkpoint server's base URL
 * @param token the ingest token, or {@code null}
 * @param jsonlPath the JSON Lines file
 * @param controlToken the control endpoint's token, or {@code null}
 * @param maxPayloadBytes limit per captured payload
 * @param maxRows SQL rows captured per statement
 * @param redactKeys extra redaction patterns
 * @param export queue bounds and timing
 */
public record CheckpointConfig(
    RecordingMode mode,
    String serviceName,
    String runId,
    ExporterType exporter,
    URI endpoint,
    String token,
    Path jsonlPath,
    String controlToken,
    int maxPayloadBytes,
    int maxRows,
    List<String> redactKeys,
    ExportSettings export) {

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

  /** Copies the list. */
  public CheckpointConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(exporter, "exporter");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(jsonlPath, "jsonlPath");
    Objects.requireNonNull(export, "export");
    redactKeys = redactKeys == null ? List.of() : List.copyOf(redactKeys);
  }

  /**
   * The defaults, as documented in {@link Setting}.
   *
   * @return the default configuration
   */
  public static CheckpointConfig defaults() {
    return fromSources(Map.of(), Map.of());
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
    Reader reader = new Reader(properties, environment);
    ExportSettings defaults = ExportSettings.DEFAULTS;
    return new CheckpointConfig(
        reader.read(Setting.MODE, v -> parseEnum(Setting.MODE, v, RecordingMode.class)),
        reader.read(Setting.SERVICE_NAME, Function.identity()),
        reader.readOptional(Setting.RUN_ID, CheckpointConfig::parseRunId),
        reader.read(Setting.EXPORTER, v -> parseEnum(Setting.EXPORTER, v, ExporterType.class)),
        reader.read(Setting.ENDPOINT, CheckpointConfig::parseEndpoint),
        reader.readOptional(Setting.TOKEN, Function.identity()),
        reader.read(Setting.JSONL_PATH, CheckpointConfig::parsePath),
        reader.readOptional(Setting.CONTROL_TOKEN, Function.identity()),
        Math.toIntExact(
            reader.read(Setting.MAX_PAYLOAD_BYTES, v -> parseSize(Setting.MAX_PAYLOAD_BYTES, v))),
        reader.read(Setting.MAX_ROWS, v -> parseInt(Setting.MAX_ROWS, v)),
        reader.readOptional(Setting.REDACT_KEYS, CheckpointConfig::parseRedactKeys),
        new ExportSettings(
            reader.read(Setting.QUEUE_SIZE, v -> parseInt(Setting.QUEUE_SIZE, v)),
            reader.read(Setting.QUEUE_BYTES, v -> parseSize(Setting.QUEUE_BYTES, v)),
            reader.read(Setting.BATCH_SIZE, v -> parseInt(Setting.BATCH_SIZE, v)),
            defaults.maxBatchBytes(),
            Duration.ofMillis(
                reader.read(
                    Setting.EXPORT_INTERVAL_MS, v -> parseInt(Setting.EXPORT_INTERVAL_MS, v))),
            reader.read(Setting.EXPORT_MAX_ATTEMPTS, v -> parseInt(Setting.EXPORT_MAX_ATTEMPTS, v)),
            defaults.initialBackoff(),
            defaults.maxBackoff(),
            Duration.ofMillis(
                reader.read(
                    Setting.EXPORT_TIMEOUT_MS, v -> parseInt(Setting.EXPORT_TIMEOUT_MS, v)))));
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

  private static final class Reader {
    private final Map<String, String> properties;
    private final Map<String, String> environment;

    Reader(Map<String, String> properties, Map<String, String> environment) {
      this.properties = properties;
      this.environment = environment;
    }

    <T> T read(Setting setting, Function<String, T> parser) {
      String raw = raw(setting);
      return parser.apply(raw != null ? raw : setting.defaultValue());
    }

    <T> T readOptional(Setting setting, Function<String, T> parser) {
      String raw = raw(setting);
      return raw == null ? null : parser.apply(raw);
    }

    private String raw(Setting setting) {
      String value = properties.get(setting.systemProperty());
      if (value == null) {
        value = environment.get(setting.environmentVariable());
      }
      return value == null || value.isBlank() ? null : value;
    }
  }
}
