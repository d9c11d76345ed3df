package dev.checkpoint.internal;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.spi.Recorder;

/** The recorder in force until an implementation is installed. */
public enum NoopRecorder implements Recorder {
  INSTANCE;

  @Override
  public boolean isEnabled() {
    return false;
  }

  @Override
  public ActiveCheckpoint start(Kind kind, String name, Object input) {
    return NoopCheckpoint.INSTANCE;
  }

  @Override
  public ActiveCheckpoint current() {
    return NoopCheckpoint.INSTANCE;
  }
}
