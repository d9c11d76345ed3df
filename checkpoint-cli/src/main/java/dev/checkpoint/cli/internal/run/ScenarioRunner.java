package dev.checkpoint.cli.internal.run;

import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.cli.scenario.Scenario;
import dev.checkpoint.cli.scenario.Step;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one scenario: starts its services, runs its steps once per repetition (each repetition a run
 * on the server), fetches the trees, learns noise from the repetitions and compares the last
 * recording with the committed assets.
 */
public final class ScenarioRunner {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private final RunSettings settings;
  private final ServerClient server;
  private final HttpClient http;
  private final PrintWriter progress;

  /**
   * Creates a runner.
   *
   * @param settings how to run
   * @param serverUrl the checkpoint server's base URL
   * @param progress where progress lines go
   */
  public ScenarioRunner(RunSettings settings, String serverUrl, PrintWriter progress) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    this.server = new ServerClient(serverUrl, http);
    this.progress = progress;
  }

  /**
   * The checkpoint server's base URL.
   *
   * @return the URL without a trailing slash
   */
  public String serverUrl() {
    return server.base();
  }

  /**
   * Runs a scenario. Never throws for a failed scenario: the result carries the error.
   *
   * @param scenario the scenario
   * @return the outcome
   */
  public ScenarioResult run(Scenario scenario) {
    DriftDetector detector = new DriftDetector(settings.layout(), settings.update());
    List<String> stepNames = recordedSteps(scenario);
    int repeat =
        settings.repeat() != null
            ? settings.repeat()
            : detector.hasAssets(scenario.name(), stepNames) ? 1 : 2;
    String baseRunId = scenario.name() + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(RUN_TIME);
    List<String> runIds = new ArrayList<>();
    progress.printf("%s (%s)%n", scenario.name(), scenario.file());
    progress.flush();
    try (ScenarioSetup setup = ScenarioSetup.of(scenario, settings.environment(), progress);
        ServiceSupervisor services = new ServiceSupervisor(http, progress)) {
      Variables variables = setup.variables();
      services.start(setup.services(), server.base(), settings.logDir());
      StepRunner steps =
          new StepRunner(
              http, server, services, progress, settings.logDir().resolve(scenario.name()));
      TreeFetcher fetcher =
          new TreeFetcher(server, settings.quietPeriod(), settings.ingestTimeout());
      List<Map<String, List<CheckpointNode>>> recordings = new ArrayList<>();
      Map<String, String> lastTraces = Map.of();
      for (int i = 1; i <= repeat; i++) {
        String runId = i == 1 ? baseRunId : baseRunId + "-" + i;
        runIds.add(runId);
        progress.printf("  run %s%s%n", runId, repeat > 1 ? " (" + i + " of " + repeat + ")" : "");
        progress.flush();
        server.createRun(runId, scenario.name(), settings.labels());
        services.mark();
        lastTraces = steps.run(scenario.steps(), variables.with("run_id", runId), runId);
        progress.printf("  waiting for the trees of %d steps%n", lastTraces.size());
        progress.flush();
        Map<String, List<CheckpointNode>> trees = fetcher.fetch(lastTraces);
        progress.printf(
            "  recorded %d checkpoints%n",
            trees.values().stream().flatMap(List::stream).mapToLong(n -> n.flatten().size()).sum());
        recordings.add(trees);
        server.closeRun(runId);
      }
      Map<String, Set<String>> learned = learn(recordings);
      Map<String, List<CheckpointNode>> last = recordings.get(recordings.size() - 1);
      List<StepResult> results = new ArrayList<>();
      NoiseRules runNoise = null;
      for (Map.Entry<String, List<CheckpointNode>> step : last.entrySet()) {
        NoiseRules rules =
            detector.noise(
                scenario.name(),
                scenario.noise(),
                step.getKey(),
                learned.getOrDefault(step.getKey(), Set.of()));
        runNoise = runNoise == null ? rules : runNoise.and(rules);
        results.add(
            detector.detect(
                scenario.name(),
                step.getKey(),
                lastTraces.get(step.getKey()),
                step.getValue(),
                rules));
      }
      if (runNoise != null) {
        // The server compares and exports these runs with the noise rules the runner used.
        for (String runId : runIds) {
          server.setNoise(runId, runNoise);
        }
      }
      return new ScenarioResult(scenario.name(), runIds, results, learned, null);
    } catch (RunFailure e) {
      return new ScenarioResult(scenario.name(), runIds, List.of(), Map.of(), e.getMessage());
    } catch (RuntimeException e) {
      // A bug or a broken recording must fail this scenario (exit 2), not pass as drift (exit 1).
      return new ScenarioResult(
          scenario.name(), runIds, List.of(), Map.of(), "Unexpected error: " + e);
    }
  }

  private static List<String> recordedSteps(Scenario scenario) {
    return scenario.steps().stream()
        .filter(step -> step instanceof Step.Request || step instanceof Step.Test)
        .map(Step::name)
        .toList();
  }

  /** Noise is what differs between the first recording and each later one, normalised alike. */
  private static Map<String, Set<String>> learn(
      List<Map<String, List<CheckpointNode>>> recordings) {
    Map<String, Set<String>> learned = new LinkedHashMap<>();
    Normaliser normaliser = Normaliser.defaults();
    for (int i = 1; i < recordings.size(); i++) {
      for (Map.Entry<String, List<CheckpointNode>> step : recordings.get(0).entrySet()) {
        List<CheckpointNode> later = recordings.get(i).get(step.getKey());
        Set<String> paths =
            NoiseRules.learn(normaliser.normalise(step.getValue()), normaliser.normalise(later));
        if (!paths.isEmpty()) {
          learned.computeIfAbsent(step.getKey(), k -> new TreeSet<>()).addAll(paths);
        }
      }
    }
    return learned;
  }
}
