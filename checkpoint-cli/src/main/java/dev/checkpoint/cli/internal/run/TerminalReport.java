package dev.checkpoint.cli.internal.run;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The summary printed at the end of {@code checkpoint run}, with the diff of every drift. */
public final class TerminalReport {
  private TerminalReport() {}

  /**
   * Prints the summary.
   *
   * @param summary the outcome
   * @param out where to print
   * @param colour whether to colour the diffs
   */
  public static void print(RunSummary summary, PrintWriter out, boolean colour) {
    out.println();
    for (ScenarioResult scenario : summary.scenarios()) {
      if (scenario.error() != null) {
        out.printf("ERROR  %s: %s%n", scenario.scenario(), scenario.error());
        continue;
      }
      for (StepResult step : scenario.steps()) {
        out.printf(
            Locale.ROOT,
            "%-9s %s/%s  %s%s%n",
            step.status().name().toLowerCase(Locale.ROOT),
            scenario.scenario(),
            step.step(),
            step.asset(),
            step.written() ? " (written)" : "");
        if (step.status() == StepResult.Status.DRIFT) {
          step.driftText(colour).lines().forEach(line -> out.println("    " + line));
        }
      }
      for (StepResult step : scenario.steps()) {
        Set<String> paths = scenario.learnedNoise().get(step.step());
        if (paths != null) {
          out.printf(
              "noise     %s/%s: %s (%s)%n",
              scenario.scenario(),
              step.step(),
              String.join(", ", paths),
              step.written()
                  ? "stored in the asset as <noise> rules"
                  : "ignored in this run; --update stores it in the asset");
        }
      }
    }
    out.println();
    out.println(summary.headline());
    List<StepResult> written =
        summary.scenarios().stream()
            .flatMap(s -> s.steps().stream())
            .filter(StepResult::written)
            .toList();
    if (!written.isEmpty()) {
      out.println("Assets written (ready to commit):");
      written.forEach(step -> out.println("  " + step.asset()));
    }
    if (summary.count(StepResult.Status.DRIFT) > 0
        && written.stream().noneMatch(s -> s.status() == StepResult.Status.DRIFT)) {
      out.println("Rerun with --update to accept the drift and rewrite the drifted assets.");
    }
    out.flush();
  }
}
