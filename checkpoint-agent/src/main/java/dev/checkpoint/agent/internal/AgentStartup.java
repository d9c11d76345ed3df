package dev.checkpoint.agent.internal;

import dev.checkpoint.Checkpoints;
import dev.checkpoint.agent.internal.bootstrap.AgentBridge;
import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.ConfigurationException;
import java.lang.instrument.Instrumentation;
import java.time.Duration;

/** Configures the recorder, installs it behind the API and applies the instrumentation. */
final class AgentStartup {

  /** Bounds how long exiting waits for the last checkpoints to be exported. */
  private static final Duration EXIT_FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private AgentStartup() {}

  static void start(String arguments, Instrumentation instrumentation) {
    CheckpointRecorder recorder;
    LazyExporter exporter;
    try {
      CheckpointConfig config = AgentConfiguration.read(arguments);
      exporter = new LazyExporter(() -> CheckpointRecorder.exporterFor(config));
      recorder = CheckpointRecorder.fromConfig(config, exporter);
    } catch (ConfigurationException e) {
      System.err.println("Checkpoint agent is disabled: " + e.getMessage());
      return;
    } catch (RuntimeException | LinkageError e) {
      // The application starts as it would without the agent.
      System.err.println("Checkpoint agent is disabled: its recorder could not be created: " + e);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> recorder.shutdown(EXIT_FLUSH_TIMEOUT), "checkpoint-shutdown"));
    Checkpoints.install(recorder);
    // Lets the Spring Boot starter see that the agent records already.
    System.setProperty(AgentConfiguration.AGENT_PROPERTY, "true");
    AgentBridge.install(new HookDispatcher(recorder, exporter));
    try {
      Instrumentations.install(instrumentation);
    } catch (RuntimeException | LinkageError e) {
      System.err.println(
          "Checkpoint agent records no library calls: its instrumentation could not be installed: "
              + e);
    }
  }
}
