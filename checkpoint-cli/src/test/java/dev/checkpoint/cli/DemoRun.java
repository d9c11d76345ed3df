package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import dev.checkpoint.instrumentation.testkit.ScenarioEnv;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code checkpoint demo} run in this JVM (the services as processes of the test class path)
 * against a temporary copy of the committed assets, which a test never rewrites.
 */
final class DemoRun {
  private static final Path SCENARIOS = Path.of("../checkpoint-demo/scenarios");
  private static final Path COMMITTED =
      Path.of("../checkpoint-demo/src/test/resources/checkpoints");

  /**
   * The Kafka of the scenarios written by {@link #scenario}, which {@code checkpoint run} runs
   * without one of its own ({@code checkpoint demo} starts its own): one real broker for this test
   * JVM, stopped when it ends.
   */
  private static EmbeddedKafkaBroker kafka;

  private final Path dir;
  private final Path assets;

  private DemoRun(Path dir, Path assets) {
    this.dir = dir;
    this.assets = assets;
  }

  /** What is needed between the demo's run and its end under {@code --keep-running}. */
  @FunctionalInterface
  interface WhileRunning {
    void check(String out) throws Exception;
  }

  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** A demo on a fresh copy of the committed assets under {@code dir}. */
  static DemoRun onACopyOfTheCommittedAssets(Path dir) throws IOException {
    Path assets = dir.resolve("assets");
    try (Stream<Path> files = Files.walk(COMMITTED)) {
      for (Path file : files.toList()) {
        Path target = assets.resolve(COMMITTED.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return new DemoRun(dir, assets);
  }

  Path assets() {
    return assets;
  }

  /**
   * The demo's scenario as {@code checkpoint demo} gives it to the services (this JVM's java and
   * class path, a data directory under this demo's), with {@code env} added to every service's
   * environment, written to {@code <dir>/scenarios-<name>/shop.yaml}; such as {@code
   * DEMO_PAYMENTS_FEE_CENTS=25} for {@code checkpoint demo --payments-fee-cents 25}. Its services
   * use this JVM's Kafka broker.
   */
  Path scenario(String name, Map<String, String> env) throws IOException {
    String classPath =
        Arrays.stream(classPath().split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(entry -> Path.of(entry).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
    Map<String, String> all = new HashMap<>(env);
    all.put(
        "CHECKPOINT_DEMO_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    all.put("CHECKPOINT_DEMO_CLASSPATH", classPath);
    all.put("DEMO_DATA_DIR", dir.resolve("demo-" + name).toString());
    all.put("DEMO_KAFKA_BOOTSTRAP_SERVERS", kafka());
    String yaml =
        ScenarioEnv.addToEveryService(Files.readString(SCENARIOS.resolve("shop.yaml")), all);
    Path scenarios = Files.createDirectories(dir.resolve("scenarios-" + name));
    return Files.writeString(scenarios.resolve("shop.yaml"), yaml);
  }

  private static synchronized String kafka() {
    if (kafka == null) {
      kafka = EmbeddedKafkaBroker.start(Path.of("target", "kafka"), Duration.ofSeconds(90));
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "demo-kafka-stop"));
    }
    return kafka.bootstrapServers();
  }

  Result run(String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = commandLine(new DemoCommand(classPath()), out, err).execute(arguments(more));
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Runs the demo with {@code --keep-running}; once it says so, hands its output to {@code
   * whileRunning} (while its server still answers), then stops it.
   */
  Result keptRunning(WhileRunning whileRunning, String... more) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    DemoCommand demo = new DemoCommand(classPath());
    CommandLine command = commandLine(demo, out, err);
    List<String> args = new ArrayList<>(List.of(more));
    args.add("--keep-running");
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(
            () -> command.execute(arguments(args.toArray(String[]::new))));
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> code.isDone() || out.toString().contains("keeps running at"));
      assertThat(code).as(out + "" + err).isNotDone();
      whileRunning.check(out.toString());
    } finally {
      demo.stop();
    }
    return new Result(code.join(), out.toString(), err.toString());
  }

  static Map<Path, String> contents(Path root) throws IOException {
    Map<Path, String> contents = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        contents.put(file, Files.readString(file));
      }
    }
    return contents;
  }

  private static CommandLine commandLine(DemoCommand demo, StringWriter out, StringWriter err) {
    CommandLine command = new CommandLine(demo);
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command;
  }

  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private String[] arguments(String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--scenarios",
            SCENARIOS.toString(),
            "--assets",
            assets.toString(),
            "--data-dir",
            dir.resolve("data").toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
