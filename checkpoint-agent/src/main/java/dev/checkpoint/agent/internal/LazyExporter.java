package dev.checkpoint.agent.internal;

import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.export.ExporterStats;
import dev.checkpoint.core.model.CheckpointData;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The agent's exporter, created when the first checkpoint is exported rather than at start-up. The
 * HTTP exporter's client and worker thread (or the JSONL file and its JSON writer) cost a few
 * hundred milliseconds of CPU at start-up, which a service started with recording {@code OFF} would
 * pay for nothing. The first exporting thread creates it, once; an exporter that cannot be created
 * is logged once and its checkpoints are dropped.
 */
final class LazyExporter implements CheckpointExporter {

  private static final System.Logger LOG = System.getLogger("dev.checkpoint.agent");

  private final Supplier<CheckpointExporter> factory;
  private volatile CheckpointExporter delegate;

  /** The thread running the factory, while it runs; see {@link #isCreatingOnThisThread}. */
  private volatile Thread creator;

  LazyExporter(Supplier<CheckpointExporter> factory) {
    this.factory = factory;
  }

  @Override
  public void export(CheckpointData checkpoint) {
    CheckpointExporter exporter = delegate;
    (exporter != null ? exporter : created()).export(checkpoint);
  }

  /**
   * Whether the current thread is creating the exporter: the HTTP client it builds is the agent's
   * own, and recording its requests would export checkpoints without end.
   */
  boolean isCreatingOnThisThread() {
    return creator == Thread.currentThread();
  }

  private synchronized CheckpointExporter created() {
    if (delegate == null) {
      creator = Thread.currentThread();
      try {
        delegate = factory.get();
      } catch (RuntimeException | LinkageError e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Checkpoint agent exports nothing: its exporter could not be created: " + e);
        delegate = CheckpointExporter.noop();
      } finally {
        creator = null;
      }
    }
    return delegate;
  }

  @Override
  public boolean flush(Duration timeout) {
    CheckpointExporter exporter = delegate;
    return exporter == null || exporter.flush(timeout);
  }

  @Override
  public boolean shutdown(Duration timeout) {
    CheckpointExporter exporter;
    synchronized (this) {
      if (delegate == null) {
        // Nothing was exported: nothing to create just to stop it.
        delegate = CheckpointExporter.noop();
      }
      exporter = delegate;
    }
    return exporter.shutdown(timeout);
  }

  @Override
  public ExporterStats stats() {
    CheckpointExporter exporter = delegate;
    return (exporter != null ? exporter : CheckpointExporter.noop()).stats();
  }
}
