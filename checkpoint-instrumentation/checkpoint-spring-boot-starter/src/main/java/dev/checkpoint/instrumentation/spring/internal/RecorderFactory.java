package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.RunId;
import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.export.ExportSettings;
import dev.checkpoint.instrumentation.spring.CheckpointProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Turns the {@code checkpoint.*} properties into the core's {@link CheckpointConfig}, checking each
 * value the way the core checks its environment variables, but naming the Spring property: Spring
 * Boot's failure analysis then prints the property, the value, where it came from and the reason.
 */
public final class RecorderFactory {

  private static final String PREFIX = "checkpoint.";

  private RecorderFactory() {}

  /**
   * Creates the recorder the properties describe.
   *
   * @param properties the bound properties
   * @param application what the starter knows of the application, for what the properties leave
   *     unset
   * @param exporter an exporter the application provides, or {@code null} for the configured one
   * @return the recorder, not yet installed
   * @throws InvalidConfigurationPropertyValueException when a value cannot be used
   */
  public static CheckpointRecorder create(
      CheckpointProperties properties,
      ApplicationIdentity application,
      CheckpointExporter exporter) {
    CheckpointConfig config = toConfig(properties, application);
    return exporter == null
        ? CheckpointRecorder.fromConfig(config)
        : CheckpointRecorder.fromConfig(config, exporter);
  }

  /**
   * Checks the properties and converts them. The service name defaults to the application's (see
   * {@link ApplicationIdentity#serviceName()}), then to the core's; the run id to the manual run of
   * this start.
   *
   * @param properties the bound properties
   * @param application what the starter knows of the application
   * @return the core configuration
   * @throws InvalidConfigurationPropertyValueException when a value cannot be used
   */
  public static CheckpointConfig toConfig(
      CheckpointProperties properties, ApplicationIdentity application) {
    CheckpointProperties.Export export = properties.getExport();
    String service = serviceName(properties.getServiceName(), application.serviceName());
    String runId = runId(properties.getRunId());
    return CheckpointConfig.builder()
        .mode(required("mode", properties.getMode()))
        .serviceName(service)
        .runId(runId != null ? runId : application.manualRunId(service))
        .exporter(required("exporter", properties.getExporter()))
        .endpoint(endpoint(properties.getEndpoint()))
        .token(blankToNull(properties.getToken()))
        .jsonlPath(path(properties.getJsonlPath()))
        .controlToken(blankToNull(properties.getControlToken()))
        .maxPayloadBytes(bytes("max-payload-bytes", properties.getMaxPayloadBytes()))
        .maxRows(positive("max-rows", properties.getMaxRows()))
        .redactKeys(redactKeys(properties))
        .export(
            ExportSettings.builder()
                .maxQueueSize(positive("export.queue-size", export.getQueueSize()))
                .maxQueueBytes(bytes("export.queue-bytes", export.getQueueBytes()))
                .maxBatchSize(positive("export.batch-size", export.getBatchSize()))
                .exportInterval(positive("export.interval", export.getInterval()))
                .retryWindow(positive("export.retry-window", export.getRetryWindow()))
                .requestTimeout(positive("export.timeout", export.getTimeout()))
                .build())
        .replaySource(blankToNull(properties.getReplay().getSource()))
        .replayRun(blankToNull(properties.getReplay().getRun()))
        .replayMissing(required("replay.missing", properties.getReplay().getMissing()))
        .build();
  }

  private static String serviceName(String configured, String applications) {
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    return applications != null ? applications : CheckpointConfig.defaults().serviceName();
  }

  private static String runId(String value) {
    String runId = blankToNull(value);
    if (runId != null && !RunId.isValid(runId)) {
      throw invalid("run-id", value, "A run id must be " + RunId.RULE + ".");
    }
    return runId;
  }

  private static URI endpoint(String value) {
    try {
      URI uri = new URI(required("endpoint", value).strip());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below with the accepted form.
    }
    throw invalid("endpoint", value, "Use an http or https URL such as http://127.0.0.1:7070.");
  }

  private static Path path(String value) {
    try {
      return Path.of(required("jsonl-path", value));
    } catch (InvalidPathException e) {
      throw invalid("jsonl-path", value, "Use a file path: " + e.getReason() + ".");
    }
  }

  private static List<String> redactKeys(CheckpointProperties properties) {
    List<String> keys = properties.getRedactKeys() == null ? List.of() : properties.getRedactKeys();
    try {
      // Compiles the patterns once here so that a bad one stops the start, not the recording.
      Redaction.withExtra(keys);
    } catch (IllegalArgumentException e) {
      throw invalid(
          "redact-keys",
          String.join(",", keys),
          "Use key fragments or valid /regular expressions/: " + e.getMessage());
    }
    return keys;
  }

  private static int bytes(String name, DataSize size) {
    long bytes = required(name, size).toBytes();
    if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
      throw invalid(name, size, "Use a positive size below 2GB, such as 64KB.");
    }
    return (int) bytes;
  }

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw invalid(name, value, "Use a positive whole number.");
    }
    return value;
  }

  private static Duration positive(String name, Duration value) {
    if (required(name, value).toMillis() <= 0) {
      throw invalid(name, value, "Use a positive duration of at least 1ms, such as 500ms or 2s.");
    }
    return value;
  }

  private static <T> T required(String name, T value) {
    if (value == null) {
      throw invalid(name, null, "A value is required; remove the property to use the default.");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static InvalidConfigurationPropertyValueException invalid(
      String name, Object value, String reason) {
    return new InvalidConfigurationPropertyValueException(PREFIX + name, value, reason);
  }
}
