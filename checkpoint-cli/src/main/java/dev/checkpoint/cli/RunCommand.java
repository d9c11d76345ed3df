package dev.checkpoint.cli;

import dev.checkpoint.assets.AssetLayout;
import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.cli.internal.run.EmbeddedServer;
import dev.checkpoint.cli.internal.run.GitLabels;
import dev.checkpoint.cli.internal.run.HtmlReport;
import dev.checkpoint.cli.internal.run.JunitReport;
import dev.checkpoint.cli.internal.run.MarkdownReport;
import dev.checkpoint.cli.internal.run.RunFailure;
import dev.checkpoint.cli.internal.run.RunSettings;
import dev.checkpoint.cli.internal.run.RunSummary;
import dev.checkpoint.cli.internal.run.ScenarioResult;
import dev.checkpoint.cli.internal.run.ScenarioRunner;
import dev.checkpoint.cli.internal.run.TerminalReport;
import dev.checkpoint.cli.internal.run.WebhookNotifier;
import dev.checkpoint.cli.scenario.Scenario;
import dev.checkpoint.cli.scenario.ScenarioException;
import dev.checkpoint.cli.scenario.Scenarios;
import dev.checkpoint.server.CheckpointServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code checkpoint run}: runs scenarios with recording on, turns each step's tree into an asset
 * and reports drift from the committed assets. Exit code 0: no drift; 1: drift; 2: error.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Runs scenarios with recording on, compares each step's tree with its committed asset and"
            + " reports drift. Exit code 0: no drift, 1: drift, 2: error.",
    footer = {
      "",
      "Learned noise (values that differ between two runs of the same code) is stored in each",
      "asset as normalisation rules with the placeholder <noise>. See docs/scenarios.md."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SCENARIO",
      arity = "0..*",
      description = "Scenario files, or directories of .yaml/.yml files. Default: scenarios/")
  List<Path> scenarios = new ArrayList<>();

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Base URL of a running checkpoint server. Default: start an embedded one on a free"
              + " port, storing into --data-dir.")
  String server;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "checkpoint-data",
      description =
          "The embedded server's database and the services' logs. Default: ${DEFAULT-VALUE}")
  Path dataDir;

  @Option(
      names = "--assets",
      paramLabel = "DIR",
      defaultValue = "src/test/resources/checkpoints",
      description = "Where assets are: <DIR>/<scenario>/<step>.json. Default: ${DEFAULT-VALUE}")
  Path assets;

  @Option(names = "--update", description = "Rewrite drifted assets in place and list them.")
  boolean update;

  @Option(
      names = "--allow-update-in-ci",
      description = "Allow --update when CI=true, for a scheduled job that opens a pull request.")
  boolean allowUpdateInCi;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description =
          "Runs per scenario; values that differ between them are learned as noise. Default: 2"
              + " when a scenario has no asset yet, else 1.")
  Integer repeat;

  @Option(
      names = "--ingest-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long to wait for the trees to reach the server. Default: ${DEFAULT-VALUE}")
  Duration ingestTimeout;

  @Option(
      names = "--quiet-period",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description =
          "A tree is complete once it has not grown for this long. Default: ${DEFAULT-VALUE}")
  Duration quietPeriod;

  @Option(
      names = "--report-markdown",
      paramLabel = "FILE",
      description = "Write a Markdown report.")
  Path markdown;

  @Option(names = "--report-html", paramLabel = "FILE", description = "Write an HTML report.")
  Path html;

  @Option(names = "--report-junit", paramLabel = "FILE", description = "Write JUnit XML.")
  Path junit;

  @Option(
      names = "--notify-webhook",
      paramLabel = "URL",
      description = "POST a JSON summary (Slack-compatible 'text') to this URL.")
  URI webhook;

  private final Map<String, String> environment;

  RunCommand() {
    this(System.getenv());
  }

  RunCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (repeat != null && repeat < 1) {
      return fail(err, "--repeat must be at least 1, but is " + repeat + ".");
    }
    if (update && "true".equalsIgnoreCase(environment.get("CI")) && !allowUpdateInCi) {
      return fail(
          err,
          "--update rewrites assets, and CI=true says this is a CI build, whose changes would be"
              + " lost. Run --update locally and commit the assets, or add --allow-update-in-ci in"
              + " a scheduled job that opens a pull request with them.");
    }
    List<Scenario> parsed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : scenarioFiles(problems)) {
      try {
        parsed.add(Scenarios.read(file));
      } catch (ScenarioException e) {
        problems.addAll(e.problems());
      }
    }
    Map<String, Path> names = new HashMap<>();
    for (Scenario scenario : parsed) {
      Path other = names.putIfAbsent(scenario.name(), scenario.file());
      if (other != null) {
        problems.add(
            scenario.file()
                + ": the scenario name '"
                + scenario.name()
                + "' is also used by "
                + other
                + "; each scenario needs its own name, which is its asset directory.");
      }
    }
    if (problems.isEmpty() && parsed.isEmpty()) {
      problems.add("No scenario files found; give .yaml files or a directory holding them.");
    }
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println("checkpoint run: " + problem));
      return fail(err, "Nothing was started: fix the scenario files first.");
    }
    CheckpointServer embedded;
    try {
      embedded = server == null ? EmbeddedServer.start(dataDir) : null;
    } catch (RunFailure e) {
      return fail(err, e.getMessage());
    }
    try {
      String serverUrl = embedded == null ? server : "http://127.0.0.1:" + embedded.port();
      RunSettings settings =
          new RunSettings(
              AssetLayout.at(assets),
              update,
              repeat,
              quietPeriod,
              ingestTimeout,
              GitLabels.of(Path.of("").toAbsolutePath()),
              dataDir.resolve("logs"),
              environment);
      ScenarioRunner runner = new ScenarioRunner(settings, serverUrl, out);
      List<ScenarioResult> results = new ArrayList<>();
      for (Scenario scenario : parsed) {
        results.add(runner.run(scenario));
      }
      RunSummary summary = new RunSummary(runner.serverUrl(), results);
      TerminalReport.print(summary, out, DiffRenderer.colourSupported());
      writeReports(summary);
      if (webhook != null) {
        new WebhookNotifier().notify(webhook, summary, err);
      }
      if (embedded != null) {
        out.printf(
            "Runs are stored in %s; browse them with: checkpoint server --db-url jdbc:sqlite:%s%n",
            dataDir, dataDir.resolve("checkpoint.db"));
      }
      out.flush();
      return summary.exitCode();
    } catch (IOException e) {
      return fail(err, "Cannot write a report: " + e.getMessage());
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private List<Path> scenarioFiles(List<String> problems) {
    List<Path> given = scenarios.isEmpty() ? List.of(Path.of("scenarios")) : scenarios;
    List<Path> files = new ArrayList<>();
    for (Path path : given) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          problems.add(path + ": cannot be listed (" + e + ").");
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        problems.add(path + ": no such file or directory.");
      }
    }
    return files;
  }

  private void writeReports(RunSummary summary) throws IOException {
    write(markdown, MarkdownReport.render(summary));
    write(html, HtmlReport.render(summary));
    write(junit, JunitReport.render(summary));
  }

  static void write(Path file, String text) throws IOException {
    if (file == null) {
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static int fail(PrintWriter err, String message) {
    err.println("checkpoint run: " + message);
    err.flush();
    return RunSummary.ERROR;
  }

  /** Durations as in scenario files: {@code 500ms}, {@code 10s}, {@code 2m}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    @Override
    public Duration convert(String value) {
      Matcher matcher = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
      if (!matcher.matches()) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration such as 500ms, 10s or 2m");
      }
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMinutes(amount);
      };
    }
  }
}
