package dev.checkpoint.instrumentation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import java.time.Duration;
import java.util.List;

/** Waits for checkpoints that end on another thread (async servlets, HTTP clients, consumers). */
public final class ExportedCheckpoints {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private ExportedCheckpoints() {}

  /**
   * Waits up to five seconds until the exporter holds {@code count} checkpoints.
   *
   * @param exporter the exporter the recorder writes to
   * @param count how many
   * @return them, in the order they ended
   * @throws InterruptedException when interrupted
   */
  public static List<CheckpointData> await(InMemoryExporter exporter, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (exporter.checkpoints().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    List<CheckpointData> checkpoints = exporter.checkpoints();
    assertThat(checkpoints).as("exported checkpoints").hasSize(count);
    return checkpoints;
  }
}
