package dev.checkpoint.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The agent's entry point, {@code -javaagent:checkpoint-agent.jar}.
 *
 * <p>It first puts {@code checkpoint-api} and the advice's bridge on the bootstrap class path: the
 * advice inlined into application classes, and application code compiled against the API (even with
 * its own copy of the API jar, since class loaders ask their parents first), then reach the one
 * recorder the agent installs. This class touches none of those classes itself, so that they are
 * loaded from there and nowhere else.
 */
public final class CheckpointAgent {

  private CheckpointAgent() {}

  /**
   * Starts the agent before the application's {@code main}.
   *
   * @param arguments what follows {@code =} in the flag: {@code config=<properties file>}, or none
   * @param instrumentation the JVM's instrumentation
   */
  public static void premain(String arguments, Instrumentation instrumentation) {
    try {
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrapJar().toFile()));
    } catch (IOException | URISyntaxException | RuntimeException e) {
      System.err.println(
          "Checkpoint agent is disabled: its API classes could not be put on the bootstrap class"
              + " path ("
              + e
              + "). Check that the temporary directory (java.io.tmpdir) is writable.");
      return;
    }
    AgentStartup.start(arguments, instrumentation);
  }

  /** Copies the API and the bridge out of the agent jar into a jar of their own. */
  private static Path bootstrapJar() throws IOException, URISyntaxException {
    Path agentJar =
        Path.of(CheckpointAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path bootstrap = Files.createTempFile("checkpoint-agent-bootstrap", ".jar");
    bootstrap.toFile().deleteOnExit();
    try (JarFile agent = new JarFile(agentJar.toFile());
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(bootstrap))) {
      Enumeration<JarEntry> entries = agent.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (isBootstrapClass(entry.getName())) {
          out.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream in = agent.getInputStream(entry)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
    return bootstrap;
  }

  /** The API ({@code dev.checkpoint}, its {@code internal} and {@code spi}) and the bridge. */
  static boolean isBootstrapClass(String entry) {
    if (!entry.endsWith(".class")) {
      return false;
    }
    if (entry.startsWith("dev/checkpoint/agent/internal/bootstrap/")) {
      return true;
    }
    if (!entry.startsWith("dev/checkpoint/")) {
      return false;
    }
    String rest = entry.substring("dev/checkpoint/".length());
    return rest.indexOf('/') < 0 || rest.startsWith("internal/") || rest.startsWith("spi/");
  }
}
