package dev.checkpoint.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A service measured by a harness: a JVM started on a free port with JMX open on another, ready
 * once its health URL answers 200. Its own CPU time and allocated bytes are read over JMX, so the
 * harness's load clients and anything else on the machine are not counted in them.
 */
final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;
  private final long startupNanos;
  private final double startupCpuMillis;
  private final JMXConnector jmx;
  private final OperatingSystemMXBean os;
  private final ThreadMXBean threads;

  /** The service's CPU time and bytes allocated so far. */
  record Usage(long cpuNanos, long allocatedBytes) {
    Usage minus(Usage before) {
      return new Usage(cpuNanos - before.cpuNanos, allocatedBytes - before.allocatedBytes);
    }
  }

  /**
   * How to start a service.
   *
   * @param name a name for its log file
   * @param jvmOptions options before the class path
   * @param classpath its class path
   * @param main its main class
   * @param environment added to the harness's environment
   * @param portEnv the environment variable that tells the service its port
   * @param health the path answered 200 once the service is ready
   * @param ready how long it may take to become ready (longer on a loaded machine)
   * @param measured whether its CPU time and allocation are read over JMX ({@link #usage});
   *     without, the JVM starts without the JMX agent, as for a start-up measurement
   */
  record Launch(
      String name,
      List<String> jvmOptions,
      String classpath,
      String main,
      Map<String, String> environment,
      String portEnv,
      String health,
      Duration ready,
      boolean measured) {

    Launch(
        String name,
        List<String> jvmOptions,
        String classpath,
        String main,
        Map<String, String> environment,
        String portEnv,
        String health) {
      this(
          name,
          jvmOptions,
          classpath,
          main,
          environment,
          portEnv,
          health,
          Duration.ofSeconds(60),
          true);
    }
  }

  private ServiceProcess(
      Process process,
      int port,
      Path log,
      long startupNanos,
      double startupCpuMillis,
      JMXConnector jmx)
      throws IOException {
    this.process = process;
    this.port = port;
    this.log = log;
    this.startupNanos = startupNanos;
    this.startupCpuMillis = startupCpuMillis;
    this.jmx = jmx;
    if (jmx == null) {
      this.os = null;
      this.threads = null;
      return;
    }
    var connection = jmx.getMBeanServerConnection();
    this.os =
        ManagementFactory.newPlatformMXBeanProxy(
            connection,
            ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
            OperatingSystemMXBean.class);
    this.threads =
        ManagementFactory.newPlatformMXBeanProxy(
            connection, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
  }

  /**
   * Starts a service and waits until it is ready.
   *
   * @param launch what to start and how
   */
  static ServiceProcess start(Launch launch) throws Exception {
    int port = freePort();
    int jmxPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(launch.jvmOptions());
    if (launch.measured()) {
      command.addAll(
          List.of(
              "-Dcom.sun.management.jmxremote.port=" + jmxPort,
              "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
              "-Dcom.sun.management.jmxremote.host=127.0.0.1",
              "-Djava.rmi.server.hostname=127.0.0.1",
              "-Dcom.sun.management.jmxremote.authenticate=false",
              "-Dcom.sun.management.jmxremote.ssl=false"));
    }
    command.addAll(List.of("-cp", launch.classpath(), launch.main()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(launch.environment());
    builder.environment().put(launch.portEnv(), Integer.toString(port));
    Path log = Files.createTempFile("service-" + launch.name() + "-", ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long launched = System.nanoTime();
    Process process = builder.start();
    try {
      long healthy = awaitHealthy(port, launch.health(), launch.ready(), process, log);
      double startupCpuMillis =
          process.info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e6).orElse(Double.NaN);
      JMXConnector jmx =
          launch.measured()
              ? JMXConnectorFactory.connect(
                  new JMXServiceURL(
                      "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"))
              : null;
      return new ServiceProcess(process, port, log, healthy - launched, startupCpuMillis, jmx);
    } catch (Exception | Error e) {
      stop(process);
      throw e;
    }
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return log;
  }

  /** From launch until the health URL first answered. */
  double startupMillis() {
    return startupNanos / 1e6;
  }

  /** The service's CPU time when its health URL first answered; NaN where the OS does not say. */
  double startupCpuMillis() {
    return startupCpuMillis;
  }

  Usage usage() {
    if (threads == null) {
      throw new IllegalStateException("a service started without measured=true has no usage");
    }
    return new Usage(os.getProcessCpuTime(), allocatedBytes());
  }

  /**
   * Bytes allocated by the live threads: request threads live in pools that outlast the
   * measurement. (The JVM-wide total, {@code getTotalThreadAllocatedBytes}, is not in the Java 17
   * API.)
   */
  private long allocatedBytes() {
    return allocatedBytes(threads);
  }

  /**
   * Bytes allocated by the live threads of a JVM.
   *
   * @param threads the JVM's thread bean
   */
  static long allocatedBytes(ThreadMXBean threads) {
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, bytes);
    }
    return total;
  }

  /** Waits for the health URL; returns the {@link System#nanoTime} at which it first answered. */
  private static long awaitHealthy(
      int port, String health, Duration ready, Process process, Path log) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    URI uri = URI.create("http://127.0.0.1:" + port + health);
    long deadline = System.nanoTime() + ready.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the service exited with " + process.exitValue() + " before it was ready; log: " + log);
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return System.nanoTime();
        }
      } catch (IOException notYet) {
        // Not listening yet: poll again.
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "the service was not healthy within "
            + ready.toSeconds()
            + " s (raise ready-seconds on a loaded machine); log: "
            + log);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (jmx != null) {
        jmx.close();
      }
    } finally {
      stop(process);
    }
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
