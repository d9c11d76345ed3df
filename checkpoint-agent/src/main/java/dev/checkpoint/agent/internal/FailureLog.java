package dev.checkpoint.agent.internal;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

/**
 * Logs one line for each class the agent could not instrument; the class then runs as it is, and
 * its calls are not recorded.
 */
final class FailureLog extends AgentBuilder.Listener.Adapter {

  private static final System.Logger LOG = System.getLogger("dev.checkpoint.agent");

  @Override
  public void onError(
      String typeName,
      ClassLoader classLoader,
      JavaModule module,
      boolean loaded,
      Throwable throwable) {
    failed(typeName, throwable);
  }

  /** Logs the line for a class a transformation of the agent's own failed on. */
  static void failed(String typeName, Throwable throwable) {
    LOG.log(
        System.Logger.Level.WARNING,
        "Checkpoint agent could not instrument "
            + typeName
            + ", whose calls are not recorded: "
            + throwable);
  }
}
