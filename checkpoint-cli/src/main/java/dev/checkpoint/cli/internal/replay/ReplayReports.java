package dev.checkpoint.cli.internal.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.assets.FirstDivergence;
import dev.checkpoint.cli.internal.run.HtmlReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The outcome of a replay for people and CI: terminal text, Markdown, HTML and JUnit XML. Each
 * different entry is explained by {@link #explanation}: where behaviour first changed, then the
 * structural diff of its recorded and replayed trees.
 */
public final class ReplayReports {
  private ReplayReports() {}

  /**
   * Prints each entry, its diff when different, a summary per entry name and the totals.
   *
   * @param summary the outcome
   * @param out where to print
   * @param colour whether to colour the diffs
   */
  public static void terminal(ReplaySummary summary, PrintWriter out, boolean colour) {
    out.println();
    for (EntryResult entry : summary.entries()) {
      out.printf(
          Locale.ROOT,
          "%-9s %s  %s%n",
          entry.status().name().toLowerCase(Locale.ROOT),
          entry.name(),
          entry.key().format());
      if (entry.status() == EntryResult.Status.DIFFERENT) {
        explanation(entry, colour).lines().forEach(line -> out.println("    " + line));
      } else if (entry.status() == EntryResult.Status.ERROR) {
        out.println("    " + entry.error());
      }
    }
    out.println();
    out.println("By entry name:");
    summary
        .byName()
        .forEach(
            (name, results) ->
                out.printf(
                    "  %s: %d replayed, %s%n",
                    name, results.size(), ReplaySummary.counts(results)));
    out.println();
    out.println(summary.headline());
    out.println("Replay run: " + summary.runLink());
    out.flush();
  }

  /**
   * Renders the outcome as Markdown, for a pull request comment.
   *
   * @param summary the outcome
   * @return the Markdown
   */
  public static String markdown(ReplaySummary summary) {
    StringBuilder md = new StringBuilder("## Checkpoint replay\n\n");
    md.append("**").append(cell(summary.headline())).append("**\n\n");
    md.append("[Replay run](").append(summary.runLink()).append(") in the web UI\n\n");
    md.append("| entry | replayed | equal | different | errors |\n");
    md.append("| --- | --- | --- | --- | --- |\n");
    for (Map.Entry<String, List<EntryResult>> name : summary.byName().entrySet()) {
      List<EntryResult> results = name.getValue();
      md.append("| ")
          .append(cell(name.getKey()))
          .append(" | ")
          .append(results.size())
          .append(" | ")
          .append(ReplaySummary.count(results, EntryResult.Status.EQUAL))
          .append(" | ")
          .append(ReplaySummary.count(results, EntryResult.Status.DIFFERENT))
          .append(" | ")
          .append(ReplaySummary.count(results, EntryResult.Status.ERROR))
          .append(" |\n");
    }
    md.append("\n| entry | recording | status |\n| --- | --- | --- |\n");
    for (EntryResult entry : summary.entries()) {
      md.append("| ")
          .append(cell(entry.name()))
          .append(" | `")
          .append(entry.key().format().replace("`", "'").replace("|", "\\|"))
          .append("` | ")
          .append(entry.status().name().toLowerCase(Locale.ROOT))
          .append(entry.error() == null ? "" : ": " + cell(entry.error()))
          .append(" |\n");
    }
    for (EntryResult entry : summary.entries()) {
      if (entry.status() == EntryResult.Status.DIFFERENT) {
        md.append("\n### Different: ")
            .append(cell(entry.name()))
            .append("\n\n`")
            .append(entry.key().format().replace("`", "'"))
            .append("`, [replayed tree](")
            .append(summary.treeLink(entry))
            .append(")\n\n")
            .append(markdownExplanation(entry));
      }
    }
    return md.toString();
  }

  /**
   * Renders the outcome as one standalone HTML page, in the frame of {@code checkpoint run}'s
   * report: the counts per entry name, every entry with its status, and for each different entry
   * its first divergence (highlighted) and diff, with links to the replay run and each replayed
   * tree in the web UI.
   *
   * @param summary the outcome
   * @return the HTML document
   */
  public static String html(ReplaySummary summary) {
    StringBuilder html = new StringBuilder("<h1>Checkpoint replay</h1>\n<p>");
    html.append(HtmlReport.escape(summary.headline()))
        .append("</p>\n<p><a href=\"")
        .append(HtmlReport.escape(summary.runLink()))
        .append("\">Replay run</a> in the web UI</p>\n")
        .append("<table class=\"by-name\">\n<tr><th>entry</th><th>replayed</th><th>equal</th>")
        .append("<th>different</th><th>errors</th></tr>\n");
    for (Map.Entry<String, List<EntryResult>> name : summary.byName().entrySet()) {
      List<EntryResult> results = name.getValue();
      html.append("<tr><td>")
          .append(HtmlReport.escape(name.getKey()))
          .append("</td><td>")
          .append(results.size())
          .append("</td><td>")
          .append(ReplaySummary.count(results, EntryResult.Status.EQUAL))
          .append("</td><td>")
          .append(ReplaySummary.count(results, EntryResult.Status.DIFFERENT))
          .append("</td><td>")
          .append(ReplaySummary.count(results, EntryResult.Status.ERROR))
          .append("</td></tr>\n");
    }
    html.append("</table>\n<table class=\"entries\">\n")
        .append("<tr><th>entry</th><th>recording</th><th>status</th></tr>\n");
    for (EntryResult entry : summary.entries()) {
      String status = entry.status().name().toLowerCase(Locale.ROOT);
      html.append("<tr><td>")
          .append(HtmlReport.escape(entry.name()))
          .append("</td><td><code>")
          .append(HtmlReport.escape(entry.key().format()))
          .append("</code></td><td class=\"")
          .append(status)
          .append("\">")
          .append(status)
          .append(entry.error() == null ? "" : ": " + HtmlReport.escape(entry.error()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    for (EntryResult entry : summary.entries()) {
      if (entry.status() == EntryResult.Status.DIFFERENT) {
        html.append("<h2>Different: ")
            .append(HtmlReport.escape(entry.name()))
            .append("</h2>\n<p><code>")
            .append(HtmlReport.escape(entry.key().format()))
            .append("</code>, <a href=\"")
            .append(HtmlReport.escape(summary.treeLink(entry)))
            .append("\">replayed tree</a></p>\n");
        FirstDivergence.of(entry.diff())
            .ifPresent(
                first ->
                    html.append("<pre class=\"first-divergence\">")
                        .append(HtmlReport.escape(DiffRenderer.text(first, false)))
                        .append("</pre>\n"));
        html.append("<pre>")
            .append(HtmlReport.escape(DiffRenderer.text(entry.diff(), false)))
            .append("</pre>\n");
      }
    }
    return HtmlReport.page("Checkpoint replay", html);
  }

  /**
   * Renders the outcome as JUnit XML: one test suite per entry name, one test case per entry, a
   * difference as a failure with its explanation, an entry that could not be replayed as an error.
   *
   * @param summary the outcome
   * @return the XML document
   */
  public static String junit(ReplaySummary summary) {
    try {
      Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
      Element suites = xml.createElement("testsuites");
      suites.setAttribute("name", "checkpoint replay " + summary.runId());
      xml.appendChild(suites);
      for (Map.Entry<String, List<EntryResult>> name : summary.byName().entrySet()) {
        Element suite = xml.createElement("testsuite");
        suite.setAttribute("name", summary.service() + " " + name.getKey());
        suite.setAttribute("tests", Integer.toString(name.getValue().size()));
        suite.setAttribute(
            "failures",
            Long.toString(ReplaySummary.count(name.getValue(), EntryResult.Status.DIFFERENT)));
        suite.setAttribute(
            "errors",
            Long.toString(ReplaySummary.count(name.getValue(), EntryResult.Status.ERROR)));
        suites.appendChild(suite);
        for (EntryResult entry : name.getValue()) {
          Element test = xml.createElement("testcase");
          test.setAttribute("classname", summary.service() + " " + name.getKey());
          test.setAttribute("name", entry.key().format());
          suite.appendChild(test);
          if (entry.status() == EntryResult.Status.DIFFERENT) {
            Element failure = xml.createElement("failure");
            failure.setAttribute("type", "different");
            failure.setAttribute("message", "the replayed tree differs from the recorded one");
            failure.setTextContent(explanation(entry, false));
            test.appendChild(failure);
          } else if (entry.status() == EntryResult.Status.ERROR) {
            Element error = xml.createElement("error");
            error.setAttribute("message", entry.error());
            error.setTextContent(entry.error());
            test.appendChild(error);
          }
        }
      }
      StringWriter out = new StringWriter();
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.transform(new DOMSource(xml), new StreamResult(out));
      return out.toString();
    } catch (ParserConfigurationException | TransformerException e) {
      throw new IllegalStateException("The JDK's XML support is broken", e);
    }
  }

  /**
   * Why an entry is different, as text: where behaviour first changed and its cause, then the
   * structural diff of its recorded and replayed trees.
   */
  static String explanation(EntryResult entry, boolean colour) {
    String text = DiffRenderer.textWithFirstDivergence(entry.diff(), colour);
    return redactedNote(entry).map(note -> text.stripTrailing() + "\n" + note).orElse(text);
  }

  /** Why an entry is different, as Markdown, the first divergence first. */
  static String markdownExplanation(EntryResult entry) {
    String markdown = DiffRenderer.markdownWithFirstDivergence(entry.diff());
    return redactedNote(entry)
        .map(note -> markdown.stripTrailing() + "\n\n" + note + "\n")
        .orElse(markdown);
  }

  /**
   * Says which parts of the entry's request the recording redacted. They cannot be sent as they
   * were received ({@code [REDACTED]} is sent in a body, a redacted header is left out), so what
   * the service derives from them (a card declined by its number, the last four digits it stores)
   * can differ because of the redaction and not of the build.
   */
  static Optional<String> redactedNote(EntryResult entry) {
    if (entry.recorded().isEmpty()) {
      return Optional.empty();
    }
    List<String> paths = new ArrayList<>();
    for (JsonNode path : entry.recorded().get(0).fields().path("redacted")) {
      if (path.asText().startsWith("input.")) {
        paths.add(path.asText());
      }
    }
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Redacted when recorded: "
            + String.join(", ", paths)
            + " of this entry's request, replayed as [REDACTED] (a header: left out); what the"
            + " service derives from "
            + (paths.size() == 1 ? "that value" : "those values")
            + " can differ from the recording because of the redaction, not of the build.");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replaceAll("\\R", " ");
  }
}
