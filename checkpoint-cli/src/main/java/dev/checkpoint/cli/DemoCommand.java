package dev.checkpoint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.assets.AssetLayout;
import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.cli.internal.demo.ShopBackends;
import dev.checkpoint.cli.internal.run.EmbeddedServer;
import dev.checkpoint.cli.internal.run.GitLabels;
import dev.checkpoint.cli.internal.run.RunFailure;
import dev.checkpoint.cli.internal.run.RunSettings;
import dev.checkpoint.cli.internal.run.RunSummary;
import dev.checkpoint.cli.internal.run.ScenarioResult;
import dev.checkpoint.cli.internal.run.ScenarioRunner;
import dev.checkpoint.cli.internal.run.StepResult;
import dev.checkpoint.cli.internal.run.TerminalReport;
import dev.checkpoint.cli.scenario.Broker;
import dev.checkpoint.cli.scenario.Scenario;
import dev.checkpoint.cli.scenario.ScenarioException;
import dev.checkpoint.cli.scenario.Scenarios;
import dev.checkpoint.cli.scenario.Service;
import dev.checkpoint.cli.scenario.Step;
import dev.checkpoint.demo.internal.Kafka;
import dev.checkpoint.server.CheckpointServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code checkpoint demo}: starts the embedded checkpoint server, runs the demo shop's scenarios
 * through the scenario runner (the three services as processes of this very jar, recording into the
 * server), compares the trees with the committed assets and says where to look at them.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the demo shop (orders, payments, shipping: three services over HTTP, SQLite,"
          + " Redis, an embedded Kafka broker, and RabbitMQ or an embedded AMQP broker) through"
          + " its scenarios with recording on, stores the trees in the embedded checkpoint server"
          + " and compares them with the committed assets.",
      "Exit code 0: no drift, 1: drift, 2: error."
    })
final class DemoCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = "--scenarios",
      paramLabel = "DIR",
      defaultValue = "checkpoint-demo/scenarios",
      description = "The demo's scenario files. Default: ${DEFAULT-VALUE}")
  Path scenarios;

  @Option(
      names = "--assets",
      paramLabel = "DIR",
      defaultValue = "checkpoint-demo/src/test/resources/checkpoints",
      description = "The committed assets to compare with. Default: ${DEFAULT-VALUE}")
  Path assets;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "checkpoint-data",
      description =
          "The server's database (checkpoint.db), the services' logs and SQLite files."
              + " Default: ${DEFAULT-VALUE}")
  Path dataDir;

  @Option(
      names = "--payments-fee-cents",
      paramLabel = "N",
      description =
          "Make payments add a fee to the authorised amount it stores: one value deep in the"
              + " place-order tree changes, to see drift reported.")
  Integer feeCents;

  @Option(
      names = "--rabbitmq",
      paramLabel = "URI",
      description =
          "Where RabbitMQ is; when nothing answers there, an embedded AMQP broker runs in this"
              + " JVM instead. Default: DEMO_RABBITMQ_URI, else amqp://guest:guest@127.0.0.1:5672"
              + " (the scenario's broker).")
  URI rabbitmq;

  @Option(names = "--update", description = "Rewrite drifted assets in place and list them.")
  boolean update;

  @Option(
      names = "--keep-running",
      description =
          "Keep the checkpoint server (and its web UI) up after the run, until Ctrl-C. Default:"
              + " exit after the run.")
  boolean keepRunning;

  private final String classPath;
  private final CountDownLatch stopped = new CountDownLatch(1);

  DemoCommand() {
    this(System.getProperty("java.class.path"));
  }

  /**
   * @param classPath where the services' classes are: this JVM's class path, absolute, since the
   *     services run in the scenario directory
   */
  DemoCommand(String classPath) {
    this.classPath =
        Arrays.stream(classPath.split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(entry -> Path.of(entry).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
  }

  /** Lets a test end {@code --keep-running}. */
  void stop() {
    stopped.countDown();
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Scenario> parsed;
    try {
      parsed = readScenarios();
    } catch (IllegalArgumentException e) {
      err.println("checkpoint demo: " + e.getMessage());
      err.flush();
      return RunSummary.ERROR;
    }
    // Kafka starts in the background while the server starts.
    try (ShopBackends backends = ShopBackends.start(dataDir, System.getenv())) {
      return run(backends, parsed, out, err);
    }
  }

  private int run(ShopBackends backends, List<Scenario> parsed, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    CheckpointServer server;
    try {
      server = EmbeddedServer.start(dataDir);
    } catch (RunFailure e) {
      err.println("checkpoint demo: " + e.getMessage());
      err.flush();
      return RunSummary.ERROR;
    }
    Thread closeOnExit = new Thread(server::close, "checkpoint-demo-server");
    Runtime.getRuntime().addShutdownHook(closeOnExit);
    try {
      String url = "http://127.0.0.1:" + server.port();
      out.printf("Checkpoint server at %s (SQLite: %s)%n", url, dataDir.resolve("checkpoint.db"));
      backends.report(System.getenv(), out);
      out.println();
      out.flush();
      RunSettings settings =
          new RunSettings(
              AssetLayout.at(assets),
              update,
              null,
              Duration.ofSeconds(1),
              Duration.ofSeconds(30),
              GitLabels.of(Path.of("").toAbsolutePath()),
              dataDir.resolve("logs"),
              System.getenv());
      ScenarioRunner runner = new ScenarioRunner(settings, url, out);
      List<ScenarioResult> results = new ArrayList<>();
      for (Scenario scenario : parsed) {
        results.add(runner.run(withDemoEnvironment(scenario, backends)));
      }
      RunSummary summary = new RunSummary(url, results);
      TerminalReport.print(summary, out, DiffRenderer.colourSupported());
      printWhereToLook(summary, url, out);
      if (keepRunning && summary.exitCode() != RunSummary.ERROR) {
        out.printf("%nThe checkpoint server keeps running at %s/ui/runs: Ctrl-C to stop.%n", url);
        out.flush();
        stopped.await();
      } else {
        out.printf(
            "%nThe server stopped with the demo. Browse the runs with ./checkpoint server (it opens"
                + " %s) at http://127.0.0.1:7070/ui/runs, or rerun with --keep-running.%n",
            dataDir.resolve("checkpoint.db"));
      }
      out.flush();
      return summary.exitCode();
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(closeOnExit);
      } catch (IllegalStateException e) {
        // The JVM is shutting down and runs the hook itself.
      }
    }
  }

  private List<Scenario> readScenarios() {
    if (!Files.isDirectory(scenarios)) {
      throw new IllegalArgumentException(
          "No demo scenarios at "
              + scenarios.toAbsolutePath()
              + ". Run the demo from the repository root (./checkpoint demo does), or give"
              + " --scenarios.");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.list(scenarios)) {
      files =
          walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new IllegalArgumentException(scenarios + " cannot be listed: " + e.getMessage(), e);
    }
    List<Scenario> parsed = new ArrayList<>();
    for (Path file : files) {
      try {
        parsed.add(Scenarios.read(file));
      } catch (ScenarioException e) {
        throw new IllegalArgumentException(String.join(System.lineSeparator(), e.problems()), e);
      }
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("No scenario files in " + scenarios + ".");
    }
    return parsed;
  }

  /**
   * The services run from this jar, with this java, keeping their data under the data dir, and use
   * the demo's Kafka; the brokers are looked for at {@code --rabbitmq} when it is given. Without
   * Kafka, no step waits for orders' consumer of {@code shipment.created}, which then never runs.
   */
  private Scenario withDemoEnvironment(Scenario scenario, ShopBackends backends) {
    Map<String, String> extra = new HashMap<>();
    extra.put(
        "CHECKPOINT_DEMO_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    extra.put("CHECKPOINT_DEMO_CLASSPATH", classPath);
    extra.put("DEMO_DATA_DIR", dataDir.resolve("demo").toAbsolutePath().toString());
    if (feeCents != null) {
      extra.put("DEMO_PAYMENTS_FEE_CENTS", feeCents.toString());
    }
    backends
        .kafkaBootstrapServers()
        .ifPresent(servers -> extra.put(ShopBackends.KAFKA_VARIABLE, servers));
    List<Service> services = new ArrayList<>();
    for (Service service : scenario.services()) {
      Map<String, String> env = new HashMap<>(service.env());
      env.putAll(extra);
      services.add(service.withEnv(env));
    }
    List<Broker> brokers =
        rabbitmq == null
            ? scenario.brokers()
            : scenario.brokers().stream().map(broker -> broker.at(rabbitmq)).toList();
    List<Step> steps =
        backends.kafkaBootstrapServers().isPresent()
            ? scenario.steps()
            : scenario.steps().stream().filter(step -> !waitsForKafka(step)).toList();
    return scenario.with(brokers, services, steps);
  }

  private static boolean waitsForKafka(Step step) {
    return step instanceof Step.WaitForCheckpoint wait
        && wait.checkpointName().equals("CONSUME " + Kafka.SHIPMENT_CREATED);
  }

  private void printWhereToLook(RunSummary summary, String url, PrintWriter out) {
    out.println();
    switch (summary.exitCode()) {
      case RunSummary.OK ->
          out.println(
              summary.count(StepResult.Status.NEW) == 0
                  ? "Demo: no drift. The recorded trees match the committed assets."
                  : "Demo: no drift; first recording of "
                      + summary.count(StepResult.Status.NEW)
                      + " steps written as new assets.");
      case RunSummary.DRIFT ->
          out.println(
              "Demo: drift. The trees above differ from the committed assets"
                  + (update ? "; the drifted assets were rewritten." : "."));
      default -> out.println("Demo: failed (see the errors above).");
    }
    for (ScenarioResult scenario : summary.scenarios()) {
      String runId = scenario.runId();
      if (runId == null) {
        continue;
      }
      long[] counts = treesAndCheckpoints(url, runId);
      out.printf("  run         %s%n", runId);
      out.printf("  web UI      %s/ui/runs/%s%n", url, runId);
      out.printf("  API         %s/api/v1/runs/%s%n", url, runId);
      out.printf("  recorded    %d trees, %d checkpoints%n", counts[0], counts[1]);
      for (StepResult step : scenario.steps()) {
        out.printf("  asset       %s%n", step.asset());
      }
    }
    out.printf("  logs        %s%n", dataDir.resolve("logs"));
  }

  /** Counted by the server, which is what the web UI shows. */
  private static long[] treesAndCheckpoints(String url, String runId) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/api/v1/runs/" + runId + "?limit=1000"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode trees = JSON.readTree(response.body()).path("trees");
      JsonNode items = trees.isArray() ? trees : trees.path("items");
      long checkpoints = 0;
      for (JsonNode tree : items) {
        checkpoints += tree.path("checkpointCount").asLong();
      }
      return new long[] {items.size(), checkpoints};
    } catch (IOException e) {
      return new long[] {0, 0};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new long[] {0, 0};
    }
  }
}
