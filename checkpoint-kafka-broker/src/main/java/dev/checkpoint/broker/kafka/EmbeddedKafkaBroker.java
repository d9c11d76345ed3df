package dev.checkpoint.broker.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker inside this JVM: one node in KRaft mode that is both broker and
 * controller, as {@code kafka.Kafka} runs it from a {@code process.roles=broker,controller}
 * configuration, listening on free ports of 127.0.0.1 without authentication. Its data lives in a
 * new directory under the one given, deleted by {@link #close()}. Topics are created on first use
 * with one partition; the internal topics have one replica.
 *
 * <p>As in a Kafka server process, a fatal fault of the broker (a data directory it cannot write,
 * an interrupted start) halts the JVM through Kafka's {@code Exit}: in a test run, the fork ends
 * without a goodbye and Kafka's log says why.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(Path.of("target"), Duration.ofSeconds(60))) {
 *   Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers(), ...);
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaRaftServer server;
  private final Path dataDir;
  private final int port;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, int port) {
    this.server = server;
    this.dataDir = dataDir;
    this.port = port;
  }

  /**
   * Formats a new data directory and starts a broker on it, waiting until it answers clients.
   *
   * @param parent where its data directory is created, such as a build's {@code target}
   * @param timeout how long the start may take
   * @return the running broker
   * @throws IllegalStateException when it does not start in time, with Kafka's reason
   * @throws UncheckedIOException when its data directory cannot be created
   */
  public static EmbeddedKafkaBroker start(Path parent, Duration timeout) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    Path dataDir;
    int port;
    int controllerPort;
    try {
      dataDir = Files.createDirectories(parent).resolve("kafka-" + UUID.randomUUID());
      Files.createDirectory(dataDir);
      port = freePort();
      controllerPort = freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The embedded Kafka broker needs a data directory under "
              + parent.toAbsolutePath()
              + " and two free ports on "
              + HOST
              + ": "
              + e.getMessage(),
          e);
    }
    ExecutorService starter =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "embedded-kafka-start");
              thread.setDaemon(true);
              return thread;
            });
    KafkaRaftServer server = null;
    try {
      KafkaConfig config = new KafkaConfig(configuration(dataDir, port, controllerPort), false);
      format(dataDir);
      server = new KafkaRaftServer(config, Time.SYSTEM);
      KafkaRaftServer started = server;
      Future<?> startup = starter.submit(started::startup);
      startup.get(remaining(deadline), TimeUnit.NANOSECONDS);
      awaitClients(port, deadline);
      return new EmbeddedKafkaBroker(server, dataDir, port);
    } catch (TimeoutException e) {
      abandon(starter, server, dataDir);
      throw new IllegalStateException(
          "The embedded Kafka broker did not start within "
              + timeout
              + " (data in "
              + dataDir
              + "); a loaded machine may need a longer timeout",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon(starter, server, dataDir);
      throw new IllegalStateException("Interrupted while the embedded Kafka broker started", e);
    } catch (Exception e) {
      abandon(starter, server, dataDir);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("The embedded Kafka broker did not start: " + cause, cause);
    } finally {
      starter.shutdown();
    }
  }

  /**
   * Stops a broker that did not start, and deletes its data. Its start still running would go on
   * writing to the data directory and then run beside the shutdown, so it is waited for first, at
   * most {@link #SHUTDOWN_TIMEOUT}; not interrupted: Kafka takes an interrupted start for a fatal
   * fault and halts the JVM.
   */
  private static void abandon(ExecutorService starter, KafkaRaftServer server, Path dataDir) {
    starter.shutdown();
    try {
      starter.awaitTermination(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop(server);
    delete(dataDir);
  }

  private static Map<String, String> configuration(Path dataDir, int port, int controllerPort) {
    // Text values, as in server.properties: Kafka parses each to its own type.
    Map<String, String> config = new HashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", String.valueOf(NODE_ID));
    config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    config.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", dataDir.toString());
    config.put("num.partitions", "1");
    // One node: every internal topic has one replica, and few partitions keep the start fast.
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("transaction.state.log.num.partitions", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    // A consumer group starts at once instead of waiting for more members to join.
    config.put("group.initial.rebalance.delay.ms", "0");
    // The cleaner's 128 MiB buffer is for production logs; nothing here is compacted for long.
    config.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    return config;
  }

  private static void format(Path dataDir) throws Exception {
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(NODE_ID)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(dataDir.toString()))
        .setMetadataLogDirectory(dataDir.toString())
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setControllerListenerName("CONTROLLER")
        .run();
  }

  /** The broker is started once a client sees it in the cluster's metadata. */
  private static void awaitClients(int port, long deadline) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                HOST + ":" + port,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline)))))) {
      admin.describeCluster().nodes().get(remaining(deadline), TimeUnit.NANOSECONDS);
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  /**
   * Where clients connect.
   *
   * @return {@code 127.0.0.1:<port>}, the value of {@code bootstrap.servers}
   */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /**
   * The port clients connect to, on 127.0.0.1.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /** Stops the broker, waiting a bounded time, and deletes its data directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(server);
    delete(dataDir);
  }

  /**
   * Shuts a broker down, waiting at most {@link #SHUTDOWN_TIMEOUT}: a stuck stop is left behind.
   */
  private static void stop(KafkaRaftServer server) {
    if (server == null) {
      return;
    }
    Thread stopper =
        new Thread(
            () -> {
              server.shutdown();
              server.awaitShutdown();
            },
            "embedded-kafka-stop");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(SHUTDOWN_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // A leftover data directory under the build's output is not worth failing the caller for.
    }
  }
}
