package dev.checkpoint.demo;

import com.rabbitmq.client.ConnectionFactory;
import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three shop services as real processes on free ports, recording (mode ON) into a checkpoint
 * server; each logs to {@code <dir>/<service>.log} and keeps its database in {@code
 * <dir>/data/<service>}, so that a second instance of a service starts on a database of its own.
 */
final class ShopProcesses implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Path dir;
  private final String serverUrl;
  int ordersPort;
  int paymentsPort;
  int shippingPort;

  ShopProcesses(Path dir, String serverUrl) {
    this.dir = dir;
    this.serverUrl = serverUrl;
  }

  /** Starts shipping, payments and orders, each with {@code env} added to its environment. */
  void start(Map<String, String> env) throws Exception {
    ordersPort = freePort();
    paymentsPort = freePort();
    shippingPort = freePort();
    start("shipping", ShippingService.class, shippingPort, env);
    start(
        "payments",
        PaymentsService.class,
        paymentsPort,
        with(env, "DEMO_SHIPPING_URL", url(shippingPort)));
    start(
        "orders",
        OrdersService.class,
        ordersPort,
        with(env, "DEMO_PAYMENTS_URL", url(paymentsPort)));
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> all = new HashMap<>(env);
    all.put(name, value);
    return all;
  }

  String url(int port) {
    return "http://127.0.0.1:" + port;
  }

  Path log(String service) {
    return dir.resolve(service + ".log");
  }

  /** Starts one service on {@code port}, with {@code env} added to its environment. */
  void start(String service, Class<?> main, int port, Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            classPath,
            main.getName(),
            "--port",
            Integer.toString(port),
            "--data-dir",
            dir.resolve("data").resolve(service).toString());
    builder.environment().put("CHECKPOINT_MODE", "ON");
    builder.environment().put("CHECKPOINT_ENDPOINT", serverUrl);
    builder.environment().put("CHECKPOINT_EXPORT_INTERVAL_MS", "100");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log(service).toFile());
    Process process = builder.start();
    processes.add(process);
    awaitHealthy(service, process, port);
  }

  private void awaitHealthy(String service, Process process, int port) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(url(port) + "/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            service
                + " exited with "
                + process.exitValue()
                + ":\n"
                + Files.readString(log(service)));
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            service + " did not answer /health in time:\n" + Files.readString(log(service)));
      }
      Thread.sleep(100);
    }
  }

  /**
   * Skips the calling tests with the reason when RabbitMQ is not at 127.0.0.1:5672, or fails them
   * under {@code CI=true}.
   */
  static void requireRabbitMq() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    factory.setConnectionTimeout(3_000);
    RequiredService.connect(
            "RabbitMQ at 127.0.0.1:5672 (guest/guest)",
            "Start it with: rabbitmq-server -detached (or scripts/services.sh).",
            () -> factory.newConnection("checkpoint-demo-test"))
        .close();
  }

  /**
   * Skips the calling tests with the reason when Redis is not at 127.0.0.1:6379, or fails them
   * under {@code CI=true}.
   */
  static void requireRedis() throws Exception {
    RequiredService.listening(
        "Redis", 6379, "Start it with: redis-server --daemonize yes (or scripts/services.sh).");
  }

  /**
   * A real Kafka broker in this JVM, under {@code target/kafka}: a cold start on a loaded machine
   * takes 10 to 20 seconds.
   */
  static EmbeddedKafkaBroker startKafka() {
    return EmbeddedKafkaBroker.start(Path.of("target", "kafka"), Duration.ofSeconds(90));
  }

  /** A checkpoint server on a free port, storing into an SQLite file in {@code dir}. */
  static CheckpointServer startServer(Path dir) {
    return CheckpointServer.start(
        ServerConfig.builder()
            .host("127.0.0.1")
            .port(0)
            .dbUrl("jdbc:sqlite:" + dir.resolve("checkpoint.db"))
            .build());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
