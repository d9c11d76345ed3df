package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.Checkpoints;
import dev.checkpoint.core.CheckpointRecorder;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;

/**
 * Shuts the starter's recorder down when the context closes. Beans are destroyed after the web
 * server stopped, so the checkpoints of the last requests are exported first. The recorder is also
 * uninstalled from {@link Checkpoints}, so that in a JVM that goes on (a test run keeping several
 * contexts) the facade records through the recorder installed before it again, not through a
 * recorder that was shut down.
 */
public final class RecorderShutdown implements DisposableBean {

  private static final System.Logger LOG = System.getLogger(RecorderShutdown.class.getName());

  private final CheckpointRecorder recorder;
  private final Duration timeout;

  /**
   * Creates the shutdown hook.
   *
   * @param recorder the recorder the starter created
   * @param timeout how long to wait for the last export
   */
  public RecorderShutdown(CheckpointRecorder recorder, Duration timeout) {
    this.recorder = recorder;
    this.timeout = timeout;
  }

  @Override
  public void destroy() {
    Checkpoints.uninstall(recorder);
    if (!recorder.shutdown(timeout)) {
      LOG.log(
          Level.WARNING,
          "Checkpoint export did not finish within "
              + timeout
              + " at shutdown; the checkpoints still queued were dropped.");
    }
  }
}
