package dev.checkpoint.cli.internal.run;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of one scenario.
 *
 * @param scenario the scenario name
 * @param runIds the server's run ids, one per repetition, the last one compared
 * @param steps the asset of each request step, in step order; empty when the scenario failed
 * @param learnedNoise the noise paths learned by repeating the scenario, by step
 * @param error why the scenario could not be run to the end, or {@code null}
 */
public record ScenarioResult(
    String scenario,
    List<String> runIds,
    List<StepResult> steps,
    Map<String, Set<String>> learnedNoise,
    String error) {

  /** Copies the collections. */
  public ScenarioResult {
    runIds = List.copyOf(runIds);
    steps = List.copyOf(steps);
    learnedNoise = java.util.Map.copyOf(learnedNoise);
  }

  /**
   * The run that was compared with the assets.
   *
   * @return the last run id, or {@code null} when no run was created
   */
  public String runId() {
    return runIds.isEmpty() ? null : runIds.get(runIds.size() - 1);
  }

  /**
   * Whether any step drifted.
   *
   * @return whether drift was found
   */
  public boolean drifted() {
    return steps.stream().anyMatch(step -> step.status() == StepResult.Status.DRIFT);
  }
}
