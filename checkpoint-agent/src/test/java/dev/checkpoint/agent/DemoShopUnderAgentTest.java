package dev.checkpoint.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.cli.CheckpointCli;
import dev.checkpoint.instrumentation.testkit.ScenarioEnv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 22's first test: the demo shop's three services with no Checkpoint code in them ({@code
 * DEMO_INSTRUMENTATION=none}: no recorder, servlet filter, wrapped {@code DataSource}, {@code
 * HttpClient} or RabbitMQ channel, no {@code Checkpoints.wrap}) and the agent record the demo
 * scenario's trees that the library-instrumented services committed as the demo's assets: {@code
 * checkpoint demo} (which starts the brokers the demo needs besides RabbitMQ and Redis) runs the
 * scenario, compares the trees by the structural diff and finds no drift.
 *
 * <p>The services listen on 17081-17083 when those are free (free ports otherwise): run it under
 * {@code flock /tmp/demo-ports.lock}. RabbitMQ is the one on 127.0.0.1:5672, or the demo's embedded
 * broker when none answers.
 */
class DemoShopUnderAgentTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO = Path.of("../checkpoint-demo");
  private static final Path COMMITTED = DEMO.resolve("src/test/resources/checkpoints");

  /** How each service of the demo's scenario is started, before its main class. */
  private static final Pattern JAVA =
      Pattern.compile(
          Pattern.quote(
              "-cp \"${CHECKPOINT_DEMO_CLASSPATH:-../../checkpoint-cli/target/checkpoint.jar}\""));

  private static final String SERVICES = "dev.checkpoint.demo.(\\w+)Service";

  @TempDir Path dir;

  @Test
  void theServicesWithoutCheckpointCodeRecordTheCommittedTreesUnderTheAgent() throws Exception {
    Path assets = copyOfTheCommittedAssets();
    Map<Path, String> before = contents(assets);
    Path scenario = underTheAgent(Files.readString(DEMO.resolve("scenarios/shop.yaml")));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CheckpointCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code =
        cli.execute(
            "demo",
            "--scenarios",
            scenario.getParent().toString(),
            "--assets",
            assets.toString(),
            "--data-dir",
            dir.resolve("data").toString());

    String logs = logs(dir.resolve("data/logs"));
    assertThat(code).as("%s%s%nThe services' logs:%n%s", out, err, logs).isZero();
    assertThat(out.toString())
        .contains("0 drifted, 0 new, " + before.size() + " unchanged; 0 failed", "Demo: no drift.")
        .containsPattern("recorded \\d+ checkpoints");
    assertThat(logs)
        .as("every service ran without Checkpoint code")
        .contains("orders started as pid", "payments started as pid", "shipping started as pid")
        .doesNotContain("Checkpoint recording ")
        .doesNotContain("Checkpoint agent could not instrument");
    assertThat(logs.split("\\(without Checkpoint: instrumentation none\\)", -1)).hasSize(4);
    assertThat(contents(assets)).isEqualTo(before);
  }

  /**
   * The demo's scenario with every service started with {@code -javaagent} and {@code
   * DEMO_INSTRUMENTATION=none}, on this test's class path (less its tools and the agent's classes).
   */
  private Path underTheAgent(String yaml) throws IOException {
    String java =
        "-javaagent:"
            + JSON.writeValueAsString(AgentProcess.agentJar())
            + " -cp "
            + JSON.writeValueAsString(AgentProcess.applicationClassPath(true));
    String withAgent = JAVA.matcher(yaml).replaceAll(Matcher.quoteReplacement(java));
    assertThat(withAgent.split("-javaagent:", -1).length - 1)
        .as("every service of the demo's scenario is started with the agent:%n%s", yaml)
        .isEqualTo(Pattern.compile(SERVICES).matcher(yaml).results().count())
        .isPositive();
    String scenario =
        ScenarioEnv.addToEveryService(
            withAgent,
            Map.of(
                "DEMO_INSTRUMENTATION",
                "none",
                "DEMO_DATA_DIR",
                dir.resolve("demo-data").toString()));
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    return Files.writeString(scenarios.resolve("shop.yaml"), scenario);
  }

  private Path copyOfTheCommittedAssets() throws IOException {
    Path assets = dir.resolve("assets");
    try (Stream<Path> files = Files.walk(COMMITTED)) {
      for (Path file : files.toList()) {
        Path target = assets.resolve(COMMITTED.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return assets;
  }

  private static Map<Path, String> contents(Path root) throws IOException {
    Map<Path, String> contents = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        contents.put(root.relativize(file), Files.readString(file));
      }
    }
    return contents;
  }

  private static String logs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return "(none)";
    }
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path log : files.sorted().toList()) {
        all.append("== ").append(log.getFileName()).append('\n').append(Files.readString(log));
      }
    }
    return all.toString();
  }
}
