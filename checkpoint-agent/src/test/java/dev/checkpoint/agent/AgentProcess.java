package dev.checkpoint.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.CompletableFuture;
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

  /** The library (besides {@code checkpoint-api}), which only some applications wire in. */
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
          "byte-buddy");

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
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + agentJar());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(applicationClassPath(withLibrary));
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    Path log = workDir.resolve("application.log");
    Process process =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectError(log.toFile()).start();
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith("port=")) {
                    return Integer.parseInt(line.substring("port=".length()));
                  }
                }
                return -1;
              } catch (IOException e) {
                return -1;
              }
            });
    try {
      int found = port.get(60, TimeUnit.SECONDS);
      assertThat(found)
          .as("port of %s; its log:%n%s", mainClass, Files.readString(log))
          .isPositive();
      return new AgentProcess(process, log, found);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError(
          mainClass + " did not print its port within 60 s; its log:\n" + Files.readString(log), e);
    }
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
