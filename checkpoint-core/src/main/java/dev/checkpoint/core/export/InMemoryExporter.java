package dev.checkpoint.core.export;

import dev.checkpoint.core.model.CheckpointData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps finished checkpoints in memory, synchronously, for tests of instrumentation and of code
 * that records checkpoints. Not for production: it is unbounded.
 */
public final class InMemoryExporter implements CheckpointExporter {

  private final List<CheckpointData> checkpoints = new ArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean stopped;

  /**
   * Creates an empty exporter.
   *
   * @return the exporter
   */
  public static InMemoryExporter create() {
    return new InMemoryExporter();
  }

  private InMemoryExporter() {}

  @Override
  public void export(CheckpointData checkpoint) {
    if (stopped) {
      dropped.incrementAndGet();
      return;
    }
    synchronized (checkpoints) {
      checkpoints.add(checkpoint);
    }
  }

  /**
   * What was exported so far, in the order the checkpoints ended.
   *
   * @return a copy
   */
  public List<CheckpointData> checkpoints() {
    synchronized (checkpoints) {
      return List.copyOf(checkpoints);
    }
  }

  /** Forgets what was exported. */
  public void reset() {
    synchronized (checkpoints) {
      checkpoints.clear();
    }
  }

  @Override
  public boolean flush(Duration timeout) {
    return true;
  }

  @Override
  public boolean shutdown(Duration timeout) {
    stopped = true;
    return true;
  }

  @Override
  public ExporterStats stats() {
    synchronized (checkpoints) {
      return new ExporterStats(0, checkpoints.size(), dropped.get(), 0, 0);
    }
  }
}
