package dev.checkpoint.cli.internal.run;

import java.io.StringWriter;
import java.util.Locale;
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
 * The run as JUnit XML, which CI systems show as tests: one test suite per scenario, one test case
 * per step, drift as a failure with the diff, a scenario that could not run as an error.
 */
public final class JunitReport {
  private JunitReport() {}

  /**
   * Renders the summary.
   *
   * @param summary the outcome
   * @return the XML document
   */
  public static String render(RunSummary summary) {
    try {
      Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
      Element suites = xml.createElement("testsuites");
      suites.setAttribute("name", "checkpoint run");
      xml.appendChild(suites);
      for (ScenarioResult scenario : summary.scenarios()) {
        Element suite = xml.createElement("testsuite");
        suite.setAttribute("name", scenario.scenario());
        suites.appendChild(suite);
        int failures = 0;
        int tests = 0;
        if (scenario.error() != null) {
          Element test = testCase(xml, suite, scenario, "run");
          Element error = xml.createElement("error");
          error.setAttribute("message", scenario.error());
          error.setTextContent(scenario.error());
          test.appendChild(error);
          tests++;
        }
        for (StepResult step : scenario.steps()) {
          Element test = testCase(xml, suite, scenario, step.step());
          tests++;
          if (step.status() == StepResult.Status.DRIFT) {
            failures++;
            Element failure = xml.createElement("failure");
            failure.setAttribute(
                "message",
                "drift in "
                    + step.asset()
                    + step.firstDivergence()
                        .map(first -> ", first divergence: " + first)
                        .orElse(""));
            failure.setAttribute("type", "drift");
            failure.setTextContent(step.driftText(false));
            test.appendChild(failure);
          } else {
            Element out = xml.createElement("system-out");
            out.setTextContent(step.status().name().toLowerCase(Locale.ROOT) + ": " + step.asset());
            test.appendChild(out);
          }
        }
        suite.setAttribute("tests", Integer.toString(tests));
        suite.setAttribute("failures", Integer.toString(failures));
        suite.setAttribute("errors", scenario.error() == null ? "0" : "1");
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

  private static Element testCase(
      Document xml, Element suite, ScenarioResult scenario, String name) {
    Element test = xml.createElement("testcase");
    test.setAttribute("classname", scenario.scenario());
    test.setAttribute("name", name);
    suite.appendChild(test);
    return test;
  }
}
