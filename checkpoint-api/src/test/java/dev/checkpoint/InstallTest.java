package dev.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Installed recorders stack: uninstalling the current one gives the facade back to the one before.
 */
class InstallTest {

  private final StartingRecorder first = new StartingRecorder();
  private final StartingRecorder second = new StartingRecorder();

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
