package dev.checkpoint.core;

import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.export.ExportSettings;
import java.util.Locale;

/**
 * Every configuration setting, with its environment variable, system property, default and meaning.
 * The configuration table in {@code docs/configuration.md} lists exactly these; a test keeps the
 * two in step. Each default is written once: here, or, for the values that belong to the capture
 * and the export queue, in {@link PayloadCapture} and {@link ExportSettings}, whose constants the
 * texts here are made from.
 */
public enum Setting {
  MODE(
      "OFF",
      "What to record: OFF, ON, ON_DEMAND (only work carrying a run id in baggage), or REPLAY"
          + " (as ON, answering replayed entry requests' calls from their recording)."),
  SERVICE_NAME("unknown-service", "The service name recorded on every checkpoint."),
  RUN_ID("(none)", "Run id given to root checkpoints when mode is ON."),
  EXPORTER("http", "Where checkpoints go: http (the checkpoint server), jsonl (a file), none."),
  ENDPOINT("http://127.0.0.1:7070", "Base URL of the checkpoint server for the http exporter."),
  TOKEN("(none)", "Ingest token sent as 'Authorization: Bearer' to the checkpoint server."),
  JSONL_PATH("checkpoints.jsonl", "File the jsonl exporter appends to."),
  CONTROL_TOKEN("(none)", "Token for /checkpoint/control; the endpoint is disabled without it."),
  MAX_PAYLOAD_BYTES(
      size(PayloadCapture.DEFAULT_MAX_BYTES),
      "Limit per captured payload; larger ones become a marked preview."),
  MAX_ROWS("100", "SQL result rows captured per statement."),
  REDACT_KEYS(
      "(none)",
      "Comma-separated extra key patterns to redact, added to the built-in ones; /regex/ allowed."),
  QUEUE_SIZE(
      String.valueOf(ExportSettings.DEFAULT_MAX_QUEUE_SIZE),
      "Checkpoints waiting for export at most; more are dropped and counted."),
  QUEUE_BYTES(
      size(ExportSettings.DEFAULT_MAX_QUEUE_BYTES), "Estimated bytes waiting for export at most."),
  BATCH_SIZE(
      String.valueOf(ExportSettings.DEFAULT_MAX_BATCH_SIZE),
      "Checkpoints per export batch at most."),
  EXPORT_INTERVAL_MS(
      String.valueOf(ExportSettings.DEFAULT_EXPORT_INTERVAL.toMillis()),
      "How long a partial batch waits before it is sent."),
  EXPORT_RETRY_WINDOW_MS(
      String.valueOf(ExportSettings.DEFAULT_RETRY_WINDOW.toMillis()),
      "How long a batch is retried after its first failed attempt before it is dropped and"
          + " counted."),
  EXPORT_TIMEOUT_MS(
      String.valueOf(ExportSettings.DEFAULT_REQUEST_TIMEOUT.toMillis()),
      "Timeout of one export request, from connecting to the last byte of the response."),
  REPLAY_SOURCE(
      "(none)",
      "Where REPLAY mode reads recordings: a checkpoint server URL (with REPLAY_RUN), or an asset"
          + " file or folder."),
  REPLAY_RUN("(none)", "The recorded run replayed entry requests come from, for a server source."),
  REPLAY_MISSING(
      "FAIL",
      "What a call in replay that matches no recorded call does: FAIL, or CALL_REAL (reach the"
          + " real dependency).");

  private final String defaultValue;
  private final String description;

  Setting(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /**
   * The environment variable.
   *
   * @return such as {@code CHECKPOINT_MODE}
   */
  public String environmentVariable() {
    return "CHECKPOINT_" + name();
  }

  /**
   * The system property, which wins over the environment variable.
   *
   * @return such as {@code checkpoint.mode}
   */
  public String systemProperty() {
    return "checkpoint." + name().toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /**
   * The default, as documented.
   *
   * @return the default value's text
   */
  public String defaultValue() {
    return defaultValue;
  }

  /** A size as the documentation writes it: in the largest binary unit that divides it. */
  private static String size(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB"};
    int unit = 0;
    while (unit < units.length - 1 && bytes >= 1024 && bytes % 1024 == 0) {
      bytes /= 1024;
      unit++;
    }
    return bytes + units[unit];
  }

  /**
   * What the setting does.
   *
   * @return one sentence
   */
  public String description() {
    return description;
  }
}
