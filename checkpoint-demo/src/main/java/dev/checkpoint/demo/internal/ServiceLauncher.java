package dev.checkpoint.demo.internal;

import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a demo service as its own process: configures Checkpoint from {@code CHECKPOINT_*}
 * environment variables or {@code checkpoint.*} system properties (the service name defaults to the
 * service's own), starts the service, and on shutdown stops it and flushes the checkpoints. A
 * service that cannot start ends the process with exit code 1.
 */
public final class ServiceLauncher {

  /** Starts a service. */
  @FunctionalInterface
  public interface Starter {
    /**
     * Starts the service.
     *
     * @param settings its settings
     * @param recorder its recorder, installed behind {@code Checkpoints}
     * @return the running service, closed at shutdown
     * @throws Exception when it cannot start
     */
    AutoCloseable start(Settings settings, CheckpointRecorder recorder) throws Exception;
  }

  private ServiceLauncher() {}

  /**
   * Starts a service and returns; the process runs until it is stopped.
   *
   * @param service the service name
   * @param args the command-line arguments
   * @param starter starts it
   */
  public static void launch(String service, String[] args, Starter starter) {
    CheckpointRecorder recorder;
    AutoCloseable running;
    try {
      recorder = CheckpointRecorder.fromConfig(config(service)).install();
    } catch (RuntimeException e) {
      System.err.println(service + ": cannot configure Checkpoint: " + e.getMessage());
      System.exit(1);
      return;
    }
    try {
      running = starter.start(Settings.of(args, System.getenv()), recorder);
    } catch (Exception e) {
      System.err.println(service + ": cannot start: " + e);
      e.printStackTrace();
      recorder.shutdown(Duration.ofSeconds(2));
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    running.close();
                  } catch (Exception e) {
                    System.err.println(service + ": stopping failed: " + e);
                  }
                  recorder.shutdown(Duration.ofSeconds(5));
                },
                service + "-shutdown"));
    System.out.printf(
        "%s started as pid %d (Checkpoint recording %s, service name %s)%n",
        service,
        ProcessHandle.current().pid(),
        recorder.control().state().mode(),
        recorder.service());
    System.out.flush();
  }

  private static CheckpointConfig config(String service) {
    Map<String, String> properties = new HashMap<>();
    System.getProperties().forEach((key, value) -> properties.put((String) key, (String) value));
    if (!properties.containsKey("checkpoint.service.name")
        && System.getenv("CHECKPOINT_SERVICE_NAME") == null) {
      properties.put("checkpoint.service.name", service);
    }
    return CheckpointConfig.fromSources(properties, System.getenv());
  }
}
