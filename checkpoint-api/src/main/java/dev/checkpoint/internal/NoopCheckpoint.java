package dev.checkpoint.internal;

import dev.checkpoint.ActiveCheckpoint;

/** The checkpoint handed out when nothing is recorded. Stateless, so one instance serves all. */
public enum NoopCheckpoint implements ActiveCheckpoint {
  INSTANCE;

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public ActiveCheckpoint setAttribute(String key, Object value) {
    return this;
  }

  @Override
  public ActiveCheckpoint setOutput(Object output) {
    return this;
  }

  @Override
  public ActiveCheckpoint setError(Throwable error) {
    return this;
  }

  @Override
  public void close() {}
}
