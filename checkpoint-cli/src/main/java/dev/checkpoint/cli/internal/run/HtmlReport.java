package dev.checkpoint.cli.internal.run;

import dev.checkpoint.assets.DiffRenderer;
import java.util.Locale;

/**
 * The run as one standalone HTML page: no scripts, no external resources, everything escaped. The
 * page frame is shared with the replay report.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * Renders the summary.
   *
   * @param summary the outcome
   * @return the HTML document
   */
  public static String render(RunSummary summary) {
    StringBuilder html = new StringBuilder();
    html.append("<h1>Checkpoint run</h1>\n<p>")
        .append(escape(summary.headline()))
        .append("</p>\n<table>\n<tr><th>scenario</th><th>step</th><th>status</th>")
        .append("<th>asset</th></tr>\n");
    for (ScenarioResult scenario : summary.scenarios()) {
      if (scenario.error() != null) {
        html.append("<tr><td>")
            .append(escape(scenario.scenario()))
            .append("</td><td></td><td class=\"error\">error</td><td>")
            .append(escape(scenario.error()))
            .append("</td></tr>\n");
      }
      for (StepResult step : scenario.steps()) {
        String status = step.status().name().toLowerCase(Locale.ROOT);
        html.append("<tr><td>")
            .append(escape(scenario.scenario()))
            .append("</td><td>")
            .append(escape(step.step()))
            .append("</td><td class=\"")
            .append(status)
            .append("\">")
            .append(status)
            .append("</td><td>")
            .append(escape(step.asset().toString()))
            .append("</td></tr>\n");
      }
    }
    html.append("</table>\n");
    for (ScenarioResult scenario : summary.scenarios()) {
      for (StepResult step : scenario.steps()) {
        if (step.status() == StepResult.Status.DRIFT) {
          html.append("<h2>Drift in ")
              .append(escape(scenario.scenario() + " / " + step.step()))
              .append("</h2>\n<p><a href=\"")
              .append(escape(summary.treeLink(step)))
              .append("\">Tree</a> and <a href=\"")
              .append(escape(summary.runLink(scenario)))
              .append("\">run</a> in the web UI</p>\n");
          step.firstDivergence()
              .ifPresent(
                  first ->
                      html.append("<pre class=\"first-divergence\">")
                          .append(escape(DiffRenderer.text(first, false)))
                          .append("</pre>\n"));
          html.append("<pre>")
              .append(escape(DiffRenderer.text(step.diff(), false)))
              .append("</pre>\n");
        }
      }
    }
    return page("Checkpoint run", html);
  }

  /**
   * A standalone page: the reports' style, no scripts, no external resources.
   *
   * @param title the page title, escaped here
   * @param body the body's HTML, every value in it already {@linkplain #escape escaped}
   * @return the HTML document
   */
  public static String page(String title, CharSequence body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}\n"
        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}\n"
        + ".drift,.different,.error{color:#a00}.new{color:#06c}.unchanged,.equal{color:#080}\n"
        + "pre{background:#f6f6f6;padding:1em;overflow:auto}\n"
        + "pre.first-divergence{background:#fff4d6;border-left:4px solid #d90}\n</style>\n"
        + "</head>\n<body>\n"
        + body
        + "</body>\n</html>\n";
  }

  /**
   * Escapes text for HTML content and quoted attribute values.
   *
   * @param text any text
   * @return the text with {@code & < > " '} as entities
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
