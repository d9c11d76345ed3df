package dev.checkpoint.core.export;

import dev.checkpoint.core.model.CheckpointData;
import java.net.URI;
import java.time.Duration;

/**
 * Receives finished checkpoints. Implementations never block and never throw in {@link #export}: it
 * is called on the application's thread.
 */
public interface CheckpointExporter {

  /**
   * Hands over a finished checkpoint. Returns at once; when the exporter cannot take it, the
   * checkpoint is dropped and counted.
   *
   * @param checkpoint the checkpoint
   */
  void export(CheckpointData checkpoint);

  /**
   * Waits until every checkpoint handed over before this call has been exported or dropped.
   *
   * @param timeout how long to wait at most
   * @return {@code true} when done within the timeout
   */
  boolean flush(Duration timeout);

  /**
   * Flushes, then stops. Checkpoints handed over afterwards are dropped and counted.
   *
   * @param timeout how long to wait at most
   * @return {@code true} when everything was exported within the timeout
   */
  boolean shutdown(Duration timeout);

  /**
   * The exporter's counters.
   *
   * @return a snapshot
   */
  ExporterStats stats();

  /**
   * An exporter that drops everything without counting, for recording that goes nowhere.
   *
   * @return the no-op exporter
   */
  static CheckpointExporter noop() {
    return NoopExporter.INSTANCE;
  }

  /**
   * Starts building the exporter that sends checkpoints to the checkpoint server.
   *
   * @param endpoint the server's base URL, such as {@code http://127.0.0.1:7070}
   * @return the builder
   * @throws IllegalArgumentException when the URL is not http or https
   */
  static HttpExporterBuilder http(URI endpoint) {
    return new HttpExporterBuilder(endpoint);
  }
}
