package dev.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.spi.Recorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Installed recorders stack: uninstalling the current one gives the facade back to the one before.
 */
class InstallTest {

  /** Remembers the names of the checkpoints started through it. */
  private static final class NamingRecorder implements Recorder {
    final List<String> started = new ArrayList<>();

    @Override
    public boolean isEnabled() {
      return true;
    }

    @Override
    public ActiveCheckpoint start(Kind kind, String name, Object input) {
      started.add(name);
      return ActiveCheckpoint.noop();
    }

    @Override
    public ActiveCheckpoint current() {
      return ActiveCheckpoint.noop();
    }
  }

  private final NamingRecorder first = new NamingRecorder();
  private final NamingRecorder second = new NamingRecorder();

  @AfterEach
  void uninstall() {
    Checkpoints.uninstall(first);
    Checkpoints.uninstall(second);
  }

  @Test
  void theLastInstalledRecordsUntilUninstalledThenTheOneBefore() {
    Checkpoints.install(first);
    Checkpoints.install(second);
    Checkpoints.record("a", null, () -> 1);

    assertThat(Checkpoints.uninstall(second)).isTrue();
    Checkpoints.record("b", null, () -> 2);

    assertThat(Checkpoints.uninstall(first)).isTrue();
    Checkpoints.record("c", null, () -> 3);

    assertThat(second.started).containsExactly("a");
    assertThat(first.started).containsExactly("b");
    assertThat(Checkpoints.uninstall(first)).isFalse();
  }

  @Test
  void uninstallingOneBelowTheTopLeavesTheTopInPlace() {
    Checkpoints.install(first);
    Checkpoints.install(second);

    Checkpoints.uninstall(first);
    Checkpoints.record("a", null, () -> 1);

    assertThat(second.started).containsExactly("a");
    assertThat(first.started).isEmpty();
  }
}
