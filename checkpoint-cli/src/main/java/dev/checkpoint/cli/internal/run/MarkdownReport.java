package dev.checkpoint.cli.internal.run;

import dev.checkpoint.assets.DiffRenderer;
import java.util.Locale;

/** The run as Markdown, for a pull request comment. */
public final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * Renders the summary.
   *
   * @param summary the outcome
   * @return the Markdown
   */
  public static String render(RunSummary summary) {
    StringBuilder md = new StringBuilder("## Checkpoint run\n\n");
    md.append("**").append(summary.headline()).append("**\n\n");
    md.append("| scenario | step | status | asset |\n| --- | --- | --- | --- |\n");
    for (ScenarioResult scenario : summary.scenarios()) {
      if (scenario.error() != null) {
        md.append("| ")
            .append(cell(scenario.scenario()))
            .append(" | | error | ")
            .append(cell(scenario.error()))
            .append(" |\n");
      }
      for (StepResult step : scenario.steps()) {
        md.append("| ")
            .append(cell(scenario.scenario()))
            .append(" | ")
            .append(cell(step.step()))
            .append(" | ")
            .append(step.status().name().toLowerCase(Locale.ROOT))
            .append(" | `")
            .append(step.asset().toString().replace("`", "'"))
            .append("` |\n");
      }
    }
    for (ScenarioResult scenario : summary.scenarios()) {
      for (StepResult step : scenario.steps()) {
        if (step.status() == StepResult.Status.DRIFT) {
          md.append("\n### Drift in ")
              .append(cell(scenario.scenario()))
              .append(" / ")
              .append(cell(step.step()))
              .append("\n\n[Tree](")
              .append(summary.treeLink(step))
              .append(") and [run](")
              .append(summary.runLink(scenario))
              .append(") in the web UI\n\n");
          md.append(DiffRenderer.markdownWithFirstDivergence(step.diff()));
        }
      }
    }
    return md.toString();
  }

  /** Keeps a value inside its table cell. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replaceAll("\\R", " ");
  }
}
