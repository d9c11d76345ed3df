package dev.checkpoint.demo.internal;

import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a demo service as its own process: configures Checkpoint from {@code CHECKPOINT_*}
 * environment variables or {@code checkpoint.*} system properties (the service name defaults to the
 * service's own), starts the service, and on shutdown stops it and flushes the checkpoints. With
 * {@code --instrumentation none} (or {@code DEMO_INSTRUMENTATION=none}) no recorder is created: the
 * service runs without Checkpoint. A service that cannot start ends the process with exit code 1.
 */
public final class ServiceLauncher {

  /** Starts a service. */
  @FunctionalInterface
  public interface Starter {
    /**
     * Starts the service.
     *
     * @param settings its settings
     * @param instrumentation its instrumentation, with the recorder installed behind {@code
     *     Checkpoints}, or none
     * @return the running service, closed at shutdown
     * @throws Exception when it cannot start
     */
    AutoCloseable start(Settings settings, Instrumentation instrumentation) throws Exception;
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
    Settings settings;
    boolean checkpoint;
    try {
      settings = Settings.of(args, System.getenv());
      checkpoint = Instrumentation.enabled(settings);
    } catch (IllegalArgumentException e) {
      System.err.println(service + ": cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Instrumentation instrumentation;
    try {
      instrumentation =
          checkpoint
              ? Instrumentation.checkpoint(CheckpointRecorder.fromConfig(config(service)).install())
              : Instrumentation.none();
    } catch (RuntimeException e) {
      System.err.println(service + ": cannot configure Checkpoint: " + e.getMessage());
      System.exit(1);
      return;
    }
    AutoCloseable running;
    try {
      running = starter.start(settings, instrumentation);
    } catch (Exception e) {
      System.err.println(service + ": cannot start: " + e);
      e.printStackTrace();
      instrumentation.recorder().ifPresent(recorder -> recorder.shutdown(Duration.ofSeconds(2)));
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
                  instrumentation
                      .recorder()
                      .ifPresent(recorder -> recorder.shutdown(Duration.ofSeconds(5)));
                },
                service + "-shutdown"));
    System.out.printf(
        "%s started as pid %d (%s)%n",
        service,
        ProcessHandle.current().pid(),
        instrumentation
            .recorder()
            .map(
                recorder ->
                    "Checkpoint recording "
                        + recorder.control().state().mode()
                        + ", service name "
                        + recorder.service())
            .orElse("without Checkpoint: instrumentation none"));
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
