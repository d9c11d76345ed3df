package dev.checkpoint.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;

/**
 * A real AMQP 0-9-1 broker inside this JVM: Apache Qpid Broker-J with one in-memory virtual host,
 * listening on a free port of 127.0.0.1, user {@code guest} with password {@code guest}. RabbitMQ's
 * Java client talks to it as to RabbitMQ (exchanges, queues, bindings, properties and headers); any
 * virtual host name, {@code /} included, reaches the one virtual host. For scenarios and tests on a
 * machine without RabbitMQ: nothing outlives {@link #close()}.
 *
 * <pre>{@code
 * try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start()) {
 *   ConnectionFactory factory = new ConnectionFactory();
 *   factory.setUri(broker.uri());
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {
  private static final String CONFIGURATION = "classpath:dev/checkpoint/broker/broker.json";

  private final SystemLauncher launcher;
  private final Path workDir;
  private final int port;
  private boolean closed;

  private EmbeddedAmqpBroker(SystemLauncher launcher, Path workDir, int port) {
    this.launcher = launcher;
    this.workDir = workDir;
    this.port = port;
  }

  /**
   * Starts a broker.
   *
   * @return the running broker
   * @throws IllegalStateException when it does not start, with Qpid's reason
   * @throws UncheckedIOException when its temporary work directory cannot be created
   */
  public static EmbeddedAmqpBroker start() {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("checkpoint-amqp-broker-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The embedded AMQP broker needs a temporary work directory: " + e.getMessage(), e);
    }
    AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
    SystemLauncher launcher =
        new SystemLauncher(
            new SystemLauncherListener.DefaultSystemLauncherListener() {
              @Override
              public void onContainerResolve(SystemConfig<?> config) {
                system.set(config);
              }
            });
    try {
      launcher.startup(
          Map.of(
              ConfiguredObject.TYPE,
              "Memory",
              SystemConfig.INITIAL_CONFIGURATION_LOCATION,
              CONFIGURATION,
              SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT,
              false,
              // Broker-J defaults its work directory to ./work; the in-memory broker keeps
              // nothing there, but whatever it might write goes to a directory deleted at close.
              ConfiguredObject.CONTEXT,
              Map.of(SystemConfig.QPID_WORK_DIR, workDir.toString())));
      return new EmbeddedAmqpBroker(launcher, workDir, boundPort(system.get()));
    } catch (Exception e) {
      launcher.shutdown();
      delete(workDir);
      throw new IllegalStateException("The embedded AMQP broker did not start: " + e, e);
    }
  }

  /** Broker-J's model types are self-referential generics that Java names only as raw types. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int boundPort(SystemConfig<?> system) {
    Broker<?> broker = (Broker<?>) system.getContainer(Broker.class);
    for (Port port : broker.getChildren(Port.class)) {
      return port.getBoundPort();
    }
    throw new IllegalStateException("it opened no port");
  }

  /**
   * The port it listens on, on 127.0.0.1.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Where clients connect, credentials included.
   *
   * @return {@code amqp://guest:guest@127.0.0.1:<port>}
   */
  public URI uri() {
    return URI.create("amqp://guest:guest@127.0.0.1:" + port);
  }

  /** Stops the broker, dropping every queue and message, and deletes its work directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    launcher.shutdown();
    delete(workDir);
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // A leftover temporary directory is not worth failing the caller for.
    }
  }
}
