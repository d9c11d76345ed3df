package dev.checkpoint;

import dev.checkpoint.spi.Recorder;
import java.util.ArrayList;
import java.util.List;

/** A recorder for the API's tests: always on, keeps the name and input of what it starts. */
final class StartingRecorder implements Recorder {

  final List<String> started = new ArrayList<>();
  final List<Object> inputs = new ArrayList<>();

  @Override
  public boolean isEnabled() {
    return true;
  }

  @Override
  public ActiveCheckpoint start(Kind kind, String name, Object input) {
    started.add(name);
    inputs.add(input);
    return ActiveCheckpoint.noop();
  }

  @Override
  public ActiveCheckpoint current() {
    return ActiveCheckpoint.noop();
  }
}
