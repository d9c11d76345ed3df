package dev.checkpoint.core.export;

import dev.checkpoint.core.model.CheckpointData;
import java.time.Duration;

enum NoopExporter implements CheckpointExporter {
  INSTANCE;

  @Override
  public void export(CheckpointData checkpoint) {}

  @Override
  public boolean flush(Duration timeout) {
    return true;
  }

  @Override
  public boolean shutdown(Duration timeout) {
    return true;
  }

  @Override
  public ExporterStats stats() {
    return new ExporterStats(0, 0, 0, 0, 0);
  }
}
