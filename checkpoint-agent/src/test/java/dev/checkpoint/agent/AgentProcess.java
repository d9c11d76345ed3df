package dev.checkpoint.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An application started in a child JVM with {@code -javaagent:checkpoint-agent.jar}, on a class
 * path of the application's own libraries: of Checkpoint's, {@code checkpoint-api} only, or the
 * library too.
 */
final class AgentProcess implements AutoCloseable {

  /** Test class path entries no application has: the agent's own classes and the test tools. */
  private static final List<String> TEST_TOOLS =
      List.of(
          "checkpoint-agent" + File.separator + "target" + File.separator + "classes",
          "checkpoint-instrumentation-testkit",
          "junit",
          "assertj",
          "awaitility",
          "surefire",
          "opentest4j",
          "apiguardian");

  /**
   * The library (besides {@code checkpoint-api}), which only some applications wire in. Byte Buddy
   * stays: applications bring their own (Hibernate does), beside the agent's relocated copy.
   */
  private static final List<String> LIBRARY =
      List.of(
          "checkpoint-core",
          "checkpoint-assets",
          "checkpoint-jdbc",
          "checkpoint-servlet",
          "checkpoint-http-",
          "checkpoint-messaging",
          "checkpoint-kafka",
          "checkpoint-redis",
          "checkpoint-spring-boot-starter");

  /** A Spring Boot application under the agent takes a minute to start on a busy machine. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

  private final Process process;
  private final Path log;
  private final int port;

  private AgentProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static AgentProcess start(
      Path workDir, boolean withLibrary, String mainClass, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    return start(workDir, List.of(), withLibrary, mainClass, jvmOptions, args);
  }

  /**
   * Starts the application with {@code resources} (directories of its own, such as a Spring Boot
   * application's {@code application.properties} and templates) in front of its class path.
   */
  static AgentProcess start(
      Path workDir,
      List<Path> resources,
      boolean withLibrary,
      String mainClass,
      List<String> jvmOptions,
      String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + agentJar());
    command.addAll(jvmOptions);
    command.add("-cp");
    List<String> classPath = new ArrayList<>();
    resources.forEach(directory -> classPath.add(directory.toString()));
    classPath.add(applicationClassPath(withLibrary));
    command.add(String.join(File.pathSeparator, classPath));
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    Path log = workDir.resolve("application.log");
    // Standard output goes to a file too, read for the port line: a pipe nobody drains once that
    // line came would block an application that logs to it (Spring Boot does).
    Path out = workDir.resolve("application.out");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(log.toFile())
            .start();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      Optional<String> port =
          // Bytes, not UTF-8: the file may end in the middle of a character being written.
          new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1)
              .lines()
              .filter(line -> line.startsWith("port="))
              .findFirst();
      if (port.isPresent()) {
        return new AgentProcess(
            process, log, Integer.parseInt(port.get().substring("port=".length())));
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new AssertionError(
        mainClass
            + (process.isAlive()
                ? " did not print its port within " + STARTUP_TIMEOUT.toSeconds() + " s"
                : " exited before it printed its port")
            + "; its output:\n"
            + Files.readString(out)
            + "\nits log:\n"
            + Files.readString(log));
  }

  /**
   * The test class path without the test tools and the agent's own classes, and without the library
   * unless {@code withLibrary}.
   */
  static String applicationClassPath(boolean withLibrary) {
    String testClassPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(testClassPath.split(File.pathSeparator))
        .filter(entry -> TEST_TOOLS.stream().noneMatch(entry::contains))
        .filter(entry -> withLibrary || LIBRARY.stream().noneMatch(entry::contains))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The packaged agent, {@code checkpoint-agent.jar}. */
  static String agentJar() {
    String agentJar = System.getProperty("checkpoint.agent.jar");
    assertThat(agentJar)
        .as("the system property checkpoint.agent.jar (set by the build after package)")
        .isNotNull();
    return agentJar;
  }

  /** The options that record in {@code mode} into a JSONL file. */
  static List<String> recording(String mode, Path checkpoints) {
    return List.of(
        "-Dcheckpoint.mode=" + mode,
        "-Dcheckpoint.exporter=jsonl",
        "-Dcheckpoint.jsonl.path=" + checkpoints);
  }

  /**
   * Sends {@code json} to the application with {@code method} at {@code path} and checks the
   * status.
   *
   * @return the response's body
   */
  String send(String method, String path, String json, int status)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s%n%s", response.body(), log()).isEqualTo(status);
    return response.body();
  }

  /**
   * Posts {@code body} to the application's control endpoint with {@code token}.
   *
   * @return the response
   */
  HttpResponse<String> control(String token, String body) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/checkpoint/control"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  int port() {
    return port;
  }

  /**
   * {@code GET path} on the application, with a W3C {@code baggage} header when one is given.
   *
   * @return the body of the 200 response
   */
  String get(String path, String baggage) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (baggage != null) {
      request.header("baggage", baggage);
    }
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s%n%s", response.body(), log()).isEqualTo(200);
    return response.body();
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** Stops the application as a service manager would; the agent exports what it still holds. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the application did not stop within 30 s of SIGTERM");
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
