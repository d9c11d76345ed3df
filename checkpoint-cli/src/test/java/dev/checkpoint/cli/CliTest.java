package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

  @TempDir Path dir;

  @Test
  void treeReportsTheLineThatIsNotJson() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\":\"a\"}\n\nnot json\n");
    CliRun result = CliRun.of("tree", file.toString());
    assertThat(result.code()).isEqualTo(CheckpointCli.USER_ERROR);
    assertThat(result.err())
        .startsWith("checkpoint: ")
        .contains("bad.jsonl line 3 is not a JSON object")
        .doesNotContain("\tat ");
  }

  @Test
  void treeOfAMissingFileSaysWhatToPass() {
    CliRun result = CliRun.of("tree", dir.resolve("nope.jsonl").toString());
    assertThat(result.code()).isEqualTo(CheckpointCli.USER_ERROR);
    assertThat(result.err()).contains("No such file").contains("jsonl exporter");
  }

  @Test
  void helpListsTheServerAndTheScenarioRunner() {
    CliRun help = CliRun.of("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("server", "run", "demo", "tree");

    CliRun run = CliRun.of("run", "--help");
    assertThat(run.out())
        .contains("--server=URL", "--update", "--allow-update-in-ci", "--repeat=N")
        .contains("--report-junit=FILE", "--notify-webhook=URL")
        .contains("Exit code 0: no drift, 1: drift, 2: error");

    CliRun demo = CliRun.of("demo", "--help");
    assertThat(demo.out())
        .contains("--payments-fee-cents=N", "--keep-running", "--update", "--assets=DIR")
        .contains("--rabbitmq=URI")
        .contains("Exit code 0: no drift, 1: drift, 2: error");
  }

  @Test
  void anUnknownCommandExits2AndListsTheCommandsAlsoWithHelp() {
    for (String[] args :
        List.of(
            new String[] {"deploy", "--help"},
            new String[] {"deploy"},
            new String[] {"deploy", "x"})) {
      CliRun result = CliRun.of(args);
      assertThat(result.code()).as(String.join(" ", args)).isEqualTo(CheckpointCli.USER_ERROR);
      assertThat(result.out()).as(String.join(" ", args)).isEmpty();
      assertThat(result.err())
          .as(String.join(" ", args))
          .startsWith("checkpoint: Unknown command 'deploy'. The commands are:")
          .contains("  server ", "  run ", "  demo ", "  tree ")
          .contains("Run 'checkpoint COMMAND --help' for one command's options.");
    }
  }

  @Test
  void demoOutsideTheRepositorySaysWhereToRunIt() {
    CliRun result = CliRun.of("demo", "--scenarios", dir.resolve("nowhere").toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("checkpoint demo: No demo scenarios at ")
        .contains("Run the demo from the repository root (./checkpoint demo does)");
  }
}
