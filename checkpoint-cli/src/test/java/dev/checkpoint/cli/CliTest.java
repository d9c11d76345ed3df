package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

  @TempDir Path dir;

  @Test
  void demoRecordsTheShopsTreesAndPrintsThem() throws IOException {
    Path file = dir.resolve("demo.jsonl");
    Result result = run("demo", "--out", file.toString());

    assertThat(result.code).isZero();
    assertThat(result.out)
        .contains("alice  -> AUTHORISED", "bob    -> DECLINED", "carol  -> failed")
        .contains("15 checkpoints in 3 trees")
        .contains("FraudScorer.score")
        .doesNotContain("4111111111111111");
    List<JsonNode> lines = readLines(file);
    assertThat(lines).hasSize(15);
    JsonNode shipping =
        lines.stream()
            .filter(c -> c.get("name").asText().equals("Shipping.schedule"))
            .findFirst()
            .orElseThrow();
    JsonNode place =
        lines.stream()
            .filter(
                c ->
                    c.get("name").asText().equals("OrderService.place")
                        && c.get("traceId").equals(shipping.get("traceId")))
            .findFirst()
            .orElseThrow();
    assertThat(shipping.get("parentId"))
        .as("async shipping joins the order's tree")
        .isEqualTo(place.get("id"));
    assertThat(shipping.get("thread").asText()).isNotEqualTo(place.get("thread").asText());
    assertThat(lines)
        .filteredOn(c -> c.get("name").asText().equals("PaymentGateway.charge"))
        .allSatisfy(
            c -> assertThat(c.get("redacted").toString()).contains("input.payment.cardNumber"));
  }

  @Test
  void treeReportsTheLineThatIsNotJson() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\":\"a\"}\n\nnot json\n");
    Result result = run("tree", file.toString());
    assertThat(result.code).isEqualTo(CheckpointCli.USER_ERROR);
    assertThat(result.err)
        .startsWith("checkpoint: ")
        .contains("bad.jsonl line 3 is not a JSON object")
        .doesNotContain("\tat ");
  }

  @Test
  void treeOfAMissingFileSaysWhatToPass() {
    Result result = run("tree", dir.resolve("nope.jsonl").toString());
    assertThat(result.code).isEqualTo(CheckpointCli.USER_ERROR);
    assertThat(result.err).contains("No such file").contains("jsonl exporter");
  }

  @Test
  void helpListsTheServerAndTheScenarioRunner() {
    Result help = run("--help");
    assertThat(help.code).isZero();
    assertThat(help.out).contains("server", "run", "demo", "tree");

    Result run = run("run", "--help");
    assertThat(run.out)
        .contains("--server=URL", "--update", "--allow-update-in-ci", "--repeat=N")
        .contains("--report-junit=FILE", "--notify-webhook=URL")
        .contains("Exit code 0: no drift, 1: drift, 2: error");
  }

  private static List<JsonNode> readLines(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    return Files.readAllLines(file).stream()
        .map(
            line -> {
              try {
                return mapper.readTree(line);
              } catch (IOException e) {
                throw new AssertionError(line, e);
              }
            })
        .toList();
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CheckpointCli.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int code = commandLine.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
