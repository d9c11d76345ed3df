package dev.checkpoint.cli;

import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.cli.internal.replay.ReplayReports;
import dev.checkpoint.cli.internal.replay.ReplaySettings;
import dev.checkpoint.cli.internal.replay.ReplaySummary;
import dev.checkpoint.cli.internal.replay.Replayer;
import dev.checkpoint.cli.internal.replay.Selection;
import dev.checkpoint.cli.internal.run.EmbeddedServer;
import dev.checkpoint.cli.internal.run.RunFailure;
import dev.checkpoint.cli.scenario.Scenario;
import dev.checkpoint.cli.scenario.ScenarioException;
import dev.checkpoint.cli.scenario.Scenarios;
import dev.checkpoint.server.CheckpointServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code checkpoint replay}: sends the entry requests recorded for one service to a (new build of
 * the) service, and compares each replayed tree with the service's part of the recorded tree. Exit
 * code 0: all equal; 1: differences; 2: error.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Replays the entry requests (HTTP_SERVER, MESSAGE_CONSUME) recorded for one service against"
            + " a service in REPLAY mode, and compares each replayed tree with the recorded one."
            + " Exit code 0: all equal, 1: differences, 2: error.",
    footer = {
      "",
      "Example: checkpoint replay --run nightly-2026-11-23 --service payments \\",
      "           --entry 'POST /payments' --scenario scenarios/shop.yaml",
      "starts payments from the scenario with CHECKPOINT_MODE=REPLAY and replays every",
      "POST /payments of that run. See docs/replay.md."
    })
final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--run",
      paramLabel = "ID",
      description = "Replay the entry requests of this recorded run on the checkpoint server.")
  String run;

  @Option(
      names = "--latest",
      paramLabel = "SCENARIO",
      description = "Replay the newest recorded run of this scenario (with --label: of those).")
  String latest;

  @Option(
      names = "--label",
      paramLabel = "KEY:VALUE",
      description = "Replay the newest recorded run with this label, such as branch:main.")
  String label;

  @Option(
      names = "--assets",
      paramLabel = "PATH",
      description = "Replay the entry requests in this asset file, or the asset files under it.")
  Path assets;

  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      converter = InstantConverter.class,
      description = "Only entry requests recorded at or after this, such as 2026-12-05T18:00:00Z.")
  Instant from;

  @Option(
      names = "--to",
      paramLabel = "INSTANT",
      converter = InstantConverter.class,
      description = "Only entry requests recorded before this.")
  Instant to;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      required = true,
      description = "The service under test, as it records itself (CHECKPOINT_SERVICE_NAME).")
  String service;

  @Option(
      names = "--entry",
      paramLabel = "NAME",
      description =
          "Replay only entry requests of this name, such as 'POST /payments'; repeatable.")
  List<String> entries = new ArrayList<>();

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Replay at most N entry requests. Default: all.")
  Integer limit;

  @Option(
      names = "--target",
      paramLabel = "URL",
      description =
          "Base URL of the service under test, when you started it yourself in REPLAY mode.")
  URI target;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description =
          "Start the service under test from this scenario's services: entry of the same name,"
              + " with the replay settings in its environment.")
  Path scenario;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Base URL of the checkpoint server holding --run and storing the replay. Default: start"
              + " an embedded one on --data-dir, where 'checkpoint run' records by default.")
  String server;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "checkpoint-data",
      description =
          "The embedded server's database and the started service's log. Default: ${DEFAULT-VALUE}")
  Path dataDir;

  @Option(
      names = "--amqp",
      paramLabel = "URI",
      description =
          "The broker recorded MESSAGE_CONSUME entries are published to. Default: the broker of"
              + " --scenario when it has one, else amqp://guest:guest@127.0.0.1:5672")
  URI amqp;

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT",
      description =
          "The Kafka broker recorded MESSAGE_CONSUME entries of a Kafka consumer are sent to."
              + " Default: 127.0.0.1:9092")
  String kafka;

  @Option(
      names = "--missing",
      paramLabel = "WHAT",
      defaultValue = "FAIL",
      description =
          "What a started service does with a call the recording does not answer: FAIL or"
              + " CALL_REAL (the real dependency). Default: ${DEFAULT-VALUE}")
  Missing missing;

  /** The values of CHECKPOINT_REPLAY_MISSING. */
  enum Missing {
    FAIL,
    CALL_REAL
  }

  @Option(
      names = "--ingest-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = RunCommand.DurationConverter.class,
      description =
          "How long to wait for the replayed trees to reach the server. Default: ${DEFAULT-VALUE}")
  Duration ingestTimeout;

  @Option(
      names = "--quiet-period",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = RunCommand.DurationConverter.class,
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

  private final Map<String, String> environment;

  ReplayCommand() {
    this(System.getenv());
  }

  ReplayCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (limit != null && limit < 1) {
      return fail(err, "--limit must be at least 1, but is " + limit + ".");
    }
    int sources = (run != null ? 1 : 0) + (assets != null ? 1 : 0);
    if (sources + (latest != null || label != null ? 1 : 0) != 1) {
      return fail(
          err,
          "Say what to replay, once: --run ID, --latest SCENARIO and/or --label KEY:VALUE (the"
              + " newest such run on the server), or --assets PATH.");
    }
    if (target == null && scenario == null) {
      return fail(
          err,
          "Say where the service under test is: --target URL for one you started in REPLAY mode,"
              + " or --scenario FILE to start it from a scenario's services.");
    }
    Scenario parsed = null;
    if (scenario != null) {
      try {
        parsed = Scenarios.read(scenario);
      } catch (ScenarioException e) {
        e.problems().forEach(problem -> err.println("checkpoint replay: " + problem));
        return fail(err, "Nothing was replayed: fix the scenario file first.");
      }
    }
    CheckpointServer embedded = null;
    try {
      embedded = server == null ? EmbeddedServer.start(dataDir) : null;
      String serverUrl = embedded == null ? server : "http://127.0.0.1:" + embedded.port();
      ReplaySettings settings =
          new ReplaySettings(
              service,
              new Selection(
                  run,
                  latest,
                  label,
                  assets,
                  entries,
                  from,
                  to,
                  limit == null ? Integer.MAX_VALUE : limit),
              target,
              parsed,
              amqp,
              kafka,
              missing.name(),
              quietPeriod,
              ingestTimeout,
              dataDir.resolve("logs"),
              environment);
      ReplaySummary summary = new Replayer(settings, serverUrl, out).replay();
      ReplayReports.terminal(summary, out, DiffRenderer.colourSupported());
      RunCommand.write(markdown, ReplayReports.markdown(summary));
      RunCommand.write(html, ReplayReports.html(summary));
      RunCommand.write(junit, ReplayReports.junit(summary));
      return summary.exitCode();
    } catch (RunFailure e) {
      // The first line says what to fix; a service's log tail follows it.
      return fail(err, e.getMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      return fail(err, "Cannot write a report: " + e.getMessage());
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /** ISO-8601 instants, such as {@code 2026-12-05T18:00:00Z}. */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an instant such as 2026-12-05T18:00:00Z");
      }
    }
  }

  private static int fail(PrintWriter err, String message) {
    err.println("checkpoint replay: " + message);
    err.flush();
    return ReplaySummary.ERROR;
  }
}
