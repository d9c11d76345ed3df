package dev.checkpoint.server.internal.ops;

import dev.checkpoint.server.internal.storage.CheckpointStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/** The server's Prometheus metrics, in a registry of its own so that servers in one JVM differ. */
public final class ServerMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter ingested =
      Counter.builder().name("checkpoint_ingested").help("Checkpoints stored").register(registry);
  private final Counter duplicates =
      Counter.builder()
          .name("checkpoint_duplicates")
          .help("Checkpoints received again and left as stored (client retries)")
          .register(registry);
  private final Counter rejected =
      Counter.builder()
          .name("checkpoint_batches_rejected")
          .help("Batches rejected, by the error code of the response")
          .labelNames("reason")
          .register(registry);
  private final Histogram batchDuration =
      Histogram.builder()
          .name("checkpoint_batch_duration_seconds")
          .help("Time to read, validate and commit a batch")
          .classicOnly()
          .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
          .register(registry);

  public ServerMetrics(CheckpointStore store) {
    GaugeWithCallback.builder()
        .name("checkpoint_db_pool_connections")
        .help("Database connections by pool and state (pending: threads waiting for one)")
        .labelNames("pool", "state")
        .callback(
            callback -> {
              for (CheckpointStore.PoolStats stats : store.poolStats()) {
                callback.call(stats.active(), stats.pool(), "active");
                callback.call(stats.idle(), stats.pool(), "idle");
                callback.call(stats.pending(), stats.pool(), "pending");
                callback.call(stats.max(), stats.pool(), "max");
              }
            })
        .register(registry);
  }

  public void batchStored(int accepted, int duplicateCount, long nanos) {
    ingested.inc(accepted);
    duplicates.inc(duplicateCount);
    batchDuration.observe(nanos / 1e9);
  }

  public void batchRejected(String reason) {
    rejected.labelValues(reason).inc();
  }

  public String contentType() {
    return writer.getContentType();
  }

  public void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }
}
