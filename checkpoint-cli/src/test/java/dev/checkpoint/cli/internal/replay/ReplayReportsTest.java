package dev.checkpoint.cli.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.assets.CheckpointKey;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.RecordingKey;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.TreeDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The three reports of one replay with an equal, a different and an unreplayable entry. */
class ReplayReportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CheckpointNode order(int status) throws IOException {
    return CheckpointNode.of(
        CheckpointKey.of(new CheckpointKey.Segment("shop", "HTTP_SERVER", "POST /orders", 0)),
        JSON.readTree(
            "{\"service\": \"shop\", \"kind\": \"HTTP_SERVER\", \"name\": \"POST /orders\","
                + " \"output\": {\"status\": "
                + status
                + "}}"),
        List.of());
  }

  private static ReplaySummary summary() throws IOException {
    CheckpointNode recorded = order(201);
    CheckpointNode replayed = order(500);
    TreeDiff diff = StructuralDiff.defaults().compare(List.of(recorded), List.of(replayed));
    RecordingKey equal =
        new RecordingKey.Recorded("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");
    RecordingKey different =
        new RecordingKey.Recorded("1af7651916cd43dd8448eb211c80319c", "c7ad6b7169203331");
    RecordingKey broken =
        new RecordingKey.InAsset(
            "shop/upload.json",
            CheckpointKey.of(new CheckpointKey.Segment("shop", "HTTP_SERVER", "PUT /blob", 0)));
    return new ReplaySummary(
        "http://127.0.0.1:7070",
        "shop",
        "run-1",
        "replay-shop-1",
        List.of(
            new EntryResult(
                equal,
                "POST /orders",
                "2af7651916cd43dd8448eb211c80319c",
                EntryResult.Status.EQUAL,
                List.of(recorded),
                List.of(recorded),
                new TreeDiff(List.of()),
                null),
            new EntryResult(
                different,
                "POST /orders",
                "3af7651916cd43dd8448eb211c80319c",
                EntryResult.Status.DIFFERENT,
                List.of(recorded),
                List.of(replayed),
                diff,
                null),
            new EntryResult(
                broken,
                "PUT /blob",
                null,
                EntryResult.Status.ERROR,
                List.of(),
                List.of(),
                new TreeDiff(List.of()),
                "PUT /blob cannot be replayed: its recorded body was cut at the payload limit.")));
  }

  @Test
  void errorsComeBeforeDifferencesInTheExitCode() throws IOException {
    ReplaySummary summary = summary();

    assertThat(summary.exitCode()).isEqualTo(ReplaySummary.ERROR);
    assertThat(summary.headline())
        .isEqualTo("3 entry requests of shop replayed from run-1: 1 equal, 1 different, 1 errors");
  }

  @Test
  void theTerminalShowsEachEntryTheDiffOfADifferenceAndTheCountsPerName() throws IOException {
    StringWriter text = new StringWriter();

    ReplayReports.terminal(summary(), new PrintWriter(text), false);

    assertThat(text.toString())
        .contains(
            "equal     POST /orders  0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331",
            "different POST /orders  1af7651916cd43dd8448eb211c80319c:c7ad6b7169203331",
            "    First divergence: output of shop/HTTP_SERVER/POST /orders#0",
            "    ~ changed  shop/HTTP_SERVER/POST /orders#0",
            "        ~ /output/status: 201 -> 500",
            "error     PUT /blob  shop/upload.json#shop/HTTP_SERVER/PUT /blob#0",
            "    PUT /blob cannot be replayed: its recorded body was cut at the payload limit.",
            "  POST /orders: 2 replayed, 1 equal, 1 different, 0 errors",
            "  PUT /blob: 1 replayed, 0 equal, 0 different, 1 errors",
            "Replay run: http://127.0.0.1:7070/ui/runs/replay-shop-1")
        .doesNotContain("Redacted when recorded");
  }

  @Test
  void aDifferenceOfAnEntryWhoseRequestWasRedactedSaysWhichPartsWereNotSentAsReceived()
      throws IOException {
    CheckpointNode recorded =
        CheckpointNode.of(
            order(402).key(),
            JSON.readTree(
                "{\"service\": \"shop\", \"kind\": \"HTTP_SERVER\", \"name\": \"POST /orders\","
                    + " \"output\": {\"status\": 402}, \"redacted\": [\"input.body.cardNumber\","
                    + " \"input.headers.authorization\", \"output.body.token\"]}"),
            List.of());
    CheckpointNode replayed = order(201);
    EntryResult entry =
        new EntryResult(
            new RecordingKey.Recorded("1af7651916cd43dd8448eb211c80319c", "c7ad6b7169203331"),
            "POST /orders",
            "3af7651916cd43dd8448eb211c80319c",
            EntryResult.Status.DIFFERENT,
            List.of(recorded),
            List.of(replayed),
            StructuralDiff.defaults().compare(List.of(recorded), List.of(replayed)),
            null);
    String note =
        "Redacted when recorded: input.body.cardNumber, input.headers.authorization of this"
            + " entry's request, replayed as [REDACTED] (a header: left out); what the service"
            + " derives from those values can differ from the recording because of the redaction,"
            + " not of the build.";

    assertThat(ReplayReports.explanation(entry, false))
        .startsWith("First divergence: output of shop/HTTP_SERVER/POST /orders#0")
        .contains("~ /output/status: 402 -> 201\n")
        .endsWith("\n" + note);
    assertThat(ReplayReports.markdownExplanation(entry)).endsWith("\n\n" + note + "\n");
  }

  @Test
  void markdownHasTheCountsPerNameEveryEntryAndTheDiffOfEachDifference() throws IOException {
    String markdown = ReplayReports.markdown(summary());

    assertThat(markdown)
        .contains(
            "| POST /orders | 2 | 1 | 1 | 0 |",
            "| PUT /blob | 1 | 0 | 0 | 1 |",
            "| PUT /blob | `shop/upload.json#shop/HTTP_SERVER/PUT /blob#0` | error: PUT /blob"
                + " cannot be replayed",
            "### Different: POST /orders",
            "**First divergence:** output of `shop/HTTP_SERVER/POST /orders#0`",
            "[replayed tree](http://127.0.0.1:7070/ui/traces/3af7651916cd43dd8448eb211c80319c)",
            "`/output/status`");
  }

  @Test
  void htmlHasTheCountsPerNameEveryEntryAndTheFirstDivergenceAndDiffOfEachDifference()
      throws IOException {
    String html = ReplayReports.html(summary());

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains(
            "<title>Checkpoint replay</title>",
            "<p>3 entry requests of shop replayed from run-1: 1 equal, 1 different, 1 errors</p>",
            "<a href=\"http://127.0.0.1:7070/ui/runs/replay-shop-1\">Replay run</a>",
            "<tr><td>POST /orders</td><td>2</td><td>1</td><td>1</td><td>0</td></tr>",
            "<tr><td>PUT /blob</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>",
            "<td class=\"error\">error: PUT /blob cannot be replayed",
            "<h2>Different: POST /orders</h2>",
            "<a href=\"http://127.0.0.1:7070/ui/traces/3af7651916cd43dd8448eb211c80319c\">"
                + "replayed tree</a>",
            "<pre class=\"first-divergence\">First divergence: output of"
                + " shop/HTTP_SERVER/POST /orders#0",
            "~ /output/status: 201 -&gt; 500")
        .doesNotContain("<script");
    // The equal entry has no section of its own.
    assertThat(html.split("<h2>", -1)).hasSize(2);
  }

  @Test
  void htmlEscapesWhatTheRecordingHolds() throws IOException {
    ReplaySummary base = summary();
    EntryResult broken = base.entries().get(2);
    ReplaySummary attacked =
        new ReplaySummary(
            base.serverUrl(),
            "shop",
            "<script>alert(1)</script>",
            base.runId(),
            List.of(
                new EntryResult(
                    broken.key(),
                    "PUT /<img src=x onerror=alert(1)>",
                    null,
                    EntryResult.Status.ERROR,
                    List.of(),
                    List.of(),
                    new TreeDiff(List.of()),
                    "\"quoted\" & <b>bold</b>")));

    String html = ReplayReports.html(attacked);

    assertThat(html)
        .doesNotContain("<script>", "<img", "<b>")
        .contains(
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "PUT /&lt;img src=x onerror=alert(1)&gt;",
            "&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;");
  }

  @Test
  void junitHasASuitePerNameADifferenceAsFailureAndAnErrorAsError() throws Exception {
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new java.io.ByteArrayInputStream(
                    ReplayReports.junit(summary())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(3);
    assertThat(xml.getElementsByTagName("failure").item(0).getTextContent())
        .contains("~ /output/status: 201 -> 500");
    assertThat(
            xml.getElementsByTagName("error")
                .item(0)
                .getAttributes()
                .getNamedItem("message")
                .getNodeValue())
        .startsWith("PUT /blob cannot be replayed");
  }
}
