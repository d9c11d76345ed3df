package dev.checkpoint.core.internal;

import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.spi.Recorder;
import dev.checkpoint.spi.RecorderProvider;
import java.time.Duration;

/**
 * Found by {@link java.util.ServiceLoader} when the application uses {@link
 * dev.checkpoint.Checkpoints} without installing a recorder: configures one from system properties
 * and environment variables, and flushes it when the JVM exits.
 */
public final class CoreRecorderProvider implements RecorderProvider {

  /** Bounds how long exiting waits for the last checkpoints to be exported. */
  private static final Duration EXIT_FLUSH_TIMEOUT = Duration.ofSeconds(5);

  @Override
  public Recorder create() {
    CheckpointRecorder recorder = CheckpointRecorder.fromConfig(CheckpointConfig.fromEnvironment());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> recorder.shutdown(EXIT_FLUSH_TIMEOUT), "checkpoint-shutdown"));
    return recorder;
  }
}
