package dev.checkpoint.core.export;

import dev.checkpoint.core.internal.BatchExportProcessor;
import dev.checkpoint.core.internal.HttpBatchSink;
import java.net.URI;
import java.util.Objects;

/**
 * Builds the exporter that sends checkpoints to the checkpoint server in gzip JSON batches: bounded
 * queue, one daemon thread, retries with exponential backoff (honouring {@code Retry-After} up to
 * the longest backoff) for the retry window, then drop-and-count. It never blocks or throws into
 * the recording thread; the queue bounds hold whatever the server does, and each request ends
 * within the request timeout. The guarantees are listed in {@code docs/reliability.md}. Obtained
 * from {@link CheckpointExporter#http(URI)}.
 */
public final class HttpExporterBuilder {

  private final URI endpoint;
  private String token;
  private String service = "unknown-service";
  private String instance = Instances.current();
  private ExportSettings settings = ExportSettings.defaults();

  HttpExporterBuilder(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException(
          "The checkpoint endpoint must be an http or https URL, such as http://127.0.0.1:7070,"
              + " but was: "
              + endpoint);
    }
    this.endpoint = endpoint;
  }

  /**
   * Sets the ingest token sent as {@code Authorization: Bearer}.
   *
   * @param token the token, or {@code null} for none
   * @return this builder
   */
  public HttpExporterBuilder token(String token) {
    this.token = token;
    return this;
  }

  /**
   * Sets the service named in each batch's resource.
   *
   * @param service the service name
   * @return this builder
   */
  public HttpExporterBuilder service(String service) {
    this.service = Objects.requireNonNull(service, "service");
    return this;
  }

  /**
   * Sets the instance named in each batch's resource.
   *
   * @param instance such as {@code host:pid}
   * @return this builder
   */
  public HttpExporterBuilder instance(String instance) {
    this.instance = Objects.requireNonNull(instance, "instance");
    return this;
  }

  /**
   * Sets the queue bounds and timing.
   *
   * @param settings the settings
   * @return this builder
   */
  public HttpExporterBuilder settings(ExportSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Starts the exporter's worker thread.
   *
   * @return the running exporter
   */
  public CheckpointExporter build() {
    return new BatchExportProcessor(
        "http",
        new HttpBatchSink(endpoint, token, service, instance, settings.requestTimeout()),
        settings);
  }
}
