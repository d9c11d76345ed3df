package dev.checkpoint.cli.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsTest {
  private final RunSummary summary =
      Summaries.withDriftNewUnchangedAndError("http://127.0.0.1:7070");

  @Test
  void exitCodeSaysErrorBeforeDriftBeforeSuccess() {
    assertThat(summary.exitCode()).isEqualTo(RunSummary.ERROR);
    RunSummary driftOnly = new RunSummary("x", summary.scenarios().subList(0, 1));
    assertThat(driftOnly.exitCode()).isEqualTo(RunSummary.DRIFT);
    assertThat(driftOnly.headline())
        .isEqualTo("3 steps in 1 scenarios: 1 drifted, 1 new, 1 unchanged; 0 failed");
  }

  @Test
  void junitXmlHasOneTestCasePerStepAndDriftAsFailure() throws Exception {
    Document xml = parse(JunitReport.render(summary));

    NodeList suites = xml.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(2);
    Element checkout = (Element) suites.item(0);
    assertThat(checkout.getAttribute("name")).isEqualTo("checkout");
    assertThat(checkout.getAttribute("tests")).isEqualTo("3");
    assertThat(checkout.getAttribute("failures")).isEqualTo("1");
    NodeList cases = checkout.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(3);
    Element drift = (Element) cases.item(0);
    assertThat(drift.getAttribute("name")).isEqualTo("pay <by> card");
    Element failure = (Element) drift.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo(
            "drift in assets/checkout/pay-by-card.json, first divergence: output of"
                + " payments/METHOD/Pricing.price#0, caused by payments/METHOD/Pricing.price#0");
    assertThat(failure.getTextContent())
        .startsWith("First divergence: output of payments/METHOD/Pricing.price#0\n")
        .contains("~ changed  payments/METHOD/Pricing.price#0", "/output/rule")
        .contains("<script>");
    assertThat(((Element) cases.item(1)).getElementsByTagName("failure").getLength()).isZero();
    Element refund = (Element) suites.item(1);
    assertThat(refund.getAttribute("errors")).isEqualTo("1");
    assertThat(refund.getElementsByTagName("error").item(0).getTextContent())
        .isEqualTo("Service 'refunds' " + Summaries.NASTY);
  }

  @Test
  void htmlIsWellFormedAndEscapesEverything() throws Exception {
    String html = HtmlReport.render(summary);

    Document document = parse(html);

    assertThat(document.getElementsByTagName("script").getLength()).isZero();
    assertThat(html)
        .doesNotContain("<script>", "<by>")
        .contains("&lt;script&gt;", "pay &lt;by&gt; card", "class=\"drift\"")
        .contains("href=\"http://127.0.0.1:7070/ui/runs/checkout-1\"");
    Element first = (Element) document.getElementsByTagName("pre").item(0);
    assertThat(first.getAttribute("class")).isEqualTo("first-divergence");
    assertThat(first.getTextContent())
        .startsWith("First divergence: output of payments/METHOD/Pricing.price#0")
        .contains("Cause: payments/METHOD/Pricing.price#0");
    assertThat(document.getElementsByTagName("pre").item(1).getTextContent())
        .contains("~ changed", "/output/rule");
  }

  @Test
  void markdownHasATableAndTheDiffOfEachDrift() {
    String md = MarkdownReport.render(summary);

    assertThat(md)
        .contains("| checkout | pay <by> card | drift | `assets/checkout/pay-by-card.json` |")
        .contains("| checkout | browse | new |")
        .contains(
            "| refund | | error | Service 'refunds' <script>alert('x')</script> & \"quotes\" \\| pipe")
        .contains("### Drift in checkout / pay <by> card")
        .contains("[Tree](http://127.0.0.1:7070/ui/traces/0af7651916cd43dd8448eb211c80319c)")
        .contains("[run](http://127.0.0.1:7070/ui/runs/checkout-1)")
        .contains(
            "in the web UI\n\n**First divergence:** output of `payments/METHOD/Pricing.price#0`\n")
        .contains("**Cause:** `payments/METHOD/Pricing.price#0`: its input and its calls")
        .contains("/output/rule");
    assertThat(md.indexOf("**First divergence:**")).isLessThan(md.indexOf("**1 difference:**"));
  }

  @Test
  void terminalReportListsStatusesDiffsNoiseAndWrittenAssets() {
    StringWriter out = new StringWriter();

    TerminalReport.print(summary, new PrintWriter(out), false);

    assertThat(out.toString())
        .contains("drift     checkout/pay <by> card  assets/checkout/pay-by-card.json")
        .contains(
            "assets/checkout/pay-by-card.json\n"
                + "    First divergence: output of payments/METHOD/Pricing.price#0\n"
                + "        ~ /output/rule: \"standard\" -> ")
        .contains("    Cause: payments/METHOD/Pricing.price#0\n")
        .contains("    ~ changed  payments/METHOD/Pricing.price#0")
        .contains("new       checkout/browse  assets/checkout/browse.json (written)")
        .contains("unchanged checkout/login")
        .contains(
            "noise     checkout/browse: /output/body/nonce (stored in the asset as <noise> rules)")
        .contains("ERROR  refund: Service 'refunds'")
        .contains("Assets written (ready to commit):\n  assets/checkout/browse.json")
        .contains("Rerun with --update");
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
