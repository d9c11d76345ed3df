package dev.checkpoint.cli.internal.run;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The outcome of {@code checkpoint run}: every scenario's result and where the server was.
 *
 * @param serverUrl the checkpoint server's base URL
 * @param scenarios the results, in the order the scenarios ran
 */
public record RunSummary(String serverUrl, List<ScenarioResult> scenarios) {

  /** Exit code: no drift. */
  public static final int OK = 0;

  /** Exit code: drift found. */
  public static final int DRIFT = 1;

  /** Exit code: a scenario could not be run (or the command was used wrongly). */
  public static final int ERROR = 2;

  /** Copies the list. */
  public RunSummary {
    scenarios = List.copyOf(scenarios);
  }

  /**
   * What the process exits with: errors before drift, drift before success.
   *
   * @return {@link #ERROR}, {@link #DRIFT} or {@link #OK}
   */
  public int exitCode() {
    if (scenarios.stream().anyMatch(s -> s.error() != null)) {
      return ERROR;
    }
    return scenarios.stream().anyMatch(ScenarioResult::drifted) ? DRIFT : OK;
  }

  /**
   * How many steps have a given status.
   *
   * @param status the status
   * @return the count over all scenarios
   */
  public long count(StepResult.Status status) {
    return scenarios.stream()
        .flatMap(s -> s.steps().stream())
        .filter(step -> step.status() == status)
        .count();
  }

  /**
   * How many scenarios failed.
   *
   * @return the count
   */
  public long errors() {
    return scenarios.stream().filter(s -> s.error() != null).count();
  }

  /**
   * One line: counts of drifted, new and unchanged steps and of failed scenarios.
   *
   * @return such as {@code 3 steps: 1 drifted, 1 new, 1 unchanged; 0 scenarios failed}
   */
  public String headline() {
    long steps = scenarios.stream().mapToLong(s -> s.steps().size()).sum();
    return steps
        + " steps in "
        + scenarios.size()
        + " scenarios: "
        + count(StepResult.Status.DRIFT)
        + " drifted, "
        + count(StepResult.Status.NEW)
        + " new, "
        + count(StepResult.Status.UNCHANGED)
        + " unchanged; "
        + errors()
        + " failed";
  }

  /**
   * The web UI page of a scenario's run.
   *
   * @param scenario the scenario
   * @return the URL
   */
  public String runLink(ScenarioResult scenario) {
    return serverUrl + "/ui/runs/" + URLEncoder.encode(scenario.runId(), StandardCharsets.UTF_8);
  }

  /**
   * The web UI page of a step's tree.
   *
   * @param step the step
   * @return the URL
   */
  public String treeLink(StepResult step) {
    return serverUrl + "/ui/traces/" + step.traceId();
  }
}
