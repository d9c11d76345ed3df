package dev.checkpoint.cli.internal.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.RunId;
import dev.checkpoint.assets.AssetFormatException;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.ReplayRunLabels;
import dev.checkpoint.assets.TreeDiff;
import dev.checkpoint.cli.internal.run.RunFailure;
import dev.checkpoint.cli.internal.run.ScenarioSetup;
import dev.checkpoint.cli.internal.run.ServerClient;
import dev.checkpoint.cli.internal.run.ServiceSupervisor;
import dev.checkpoint.cli.internal.run.TreeFetcher;
import dev.checkpoint.cli.scenario.Service;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays recorded entry requests against the service under test: reads and checks the recording,
 * starts the service when a scenario says how (with the replay settings in its environment), then
 * sends every entry as a new tree of a new run labelled {@code replays=<recorded run>}, waits for
 * the replayed trees and compares each with the service's part of its recorded tree.
 *
 * <p>Nothing is stored until the recording has been read and the service is ready; a replay that
 * fails after that deletes its run, so that a failed replay leaves nothing half-way on the server.
 */
public final class Replayer {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
  private static final int MAX_LABEL = 1024;

  private final ReplaySettings settings;
  private final ServerClient server;
  private final HttpClient http;
  private final PrintWriter progress;

  /**
   * Creates a replayer.
   *
   * @param settings what to replay against what
   * @param serverUrl the checkpoint server the replayed trees go to (and, with a run, where the
   *     recording is read)
   * @param progress where progress lines go
   */
  public Replayer(ReplaySettings settings, String serverUrl, PrintWriter progress) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    this.server = new ServerClient(serverUrl, http);
    this.progress = progress;
  }

  /**
   * Replays.
   *
   * @return every entry's result
   * @throws RunFailure when the replay cannot run: bad recording, a service that is not ready, a
   *     server or service that cannot be reached; nothing is left stored then
   */
  public ReplaySummary replay() {
    Recording recording = read();
    progress.printf(
        "replaying %d entry requests of %s from %s%n",
        recording.entries().size(), settings.service(), recording.label());
    progress.flush();
    try (ScenarioSetup setup =
            settings.scenario() == null
                ? null
                : ScenarioSetup.of(settings.scenario(), settings.environment(), progress);
        ServiceSupervisor services = new ServiceSupervisor(http, progress);
        EntrySender sender =
            new EntrySender(
                http,
                target(setup, services, recording),
                amqp(setup),
                settings.kafka() == null ? ReplaySettings.DEFAULT_KAFKA : settings.kafka())) {
      String runId = runId();
      server.createRun(runId, "replay of " + recording.label(), labels(recording));
      boolean stored = false;
      try {
        List<EntryResult> results = replay(recording, sender, runId);
        server.closeRun(runId);
        stored = true;
        return new ReplaySummary(
            server.base(), settings.service(), recording.label(), runId, results);
      } finally {
        if (!stored) {
          deleteQuietly(runId);
        }
      }
    }
  }

  /** Deletes a run the replay could not finish; the reason it could not is what is reported. */
  private void deleteQuietly(String runId) {
    try {
      server.deleteRun(runId);
    } catch (RunFailure e) {
      progress.printf("could not delete the unfinished replay run %s: %s%n", runId, e.getMessage());
      progress.flush();
    }
  }

  private Recording read() {
    Selection selection = settings.selection();
    RecordingReader reader = new RecordingReader(settings.service(), selection);
    try {
      if (selection.assets() != null) {
        return reader.fromAssets(selection.assets());
      }
      String run =
          selection.run() != null
              ? selection.run()
              : RecordingReader.latestRun(server, selection.latest(), selection.label());
      return reader.fromServer(server, run);
    } catch (AssetFormatException | IllegalArgumentException e) {
      // A recording the server or the asset reader cannot make into trees.
      throw new RunFailure(
          "The recording cannot be replayed: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "), e);
    }
  }

  /** The service under test's base URL, after starting it when the scenario has its command. */
  private URI target(ScenarioSetup setup, ServiceSupervisor services, Recording recording) {
    if (setup == null) {
      return settings.target();
    }
    Service service =
        setup.services().stream()
            .filter(s -> s.name().equals(settings.service()))
            .findFirst()
            .orElseThrow(
                () ->
                    new RunFailure(
                        "The scenario "
                            + settings.scenario().file()
                            + " has no service named '"
                            + settings.service()
                            + "'. Fix --service, or add the service to the scenario's services."));
    if (service.isStarted()) {
      Map<String, String> env = new HashMap<>(service.env());
      env.putAll(replayEnvironment(recording));
      services.start(List.of(service.withEnv(env)), server.base(), settings.logDir());
    }
    return settings.target() != null ? settings.target() : service.url();
  }

  /** The broker messages go to: as given, else the scenario's only one, else the default. */
  private URI amqp(ScenarioSetup setup) {
    if (settings.amqp() != null) {
      return settings.amqp();
    }
    if (setup != null && setup.brokerUris().size() == 1) {
      return URI.create(setup.brokerUris().values().iterator().next());
    }
    return ReplaySettings.DEFAULT_AMQP;
  }

  /** What a service in REPLAY mode needs to find the recording; it overrides the scenario's. */
  private Map<String, String> replayEnvironment(Recording recording) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CHECKPOINT_MODE", "REPLAY");
    env.putAll(recording.replaySettings());
    env.put("CHECKPOINT_REPLAY_MISSING", settings.missing());
    return env;
  }

  private String runId() {
    String service = settings.service().replaceAll("[^A-Za-z0-9._@+-]", "-");
    String runId = "replay-" + service + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(RUN_TIME);
    return RunId.isValid(runId)
        ? runId
        : "replay-" + ZonedDateTime.now(ZoneOffset.UTC).format(RUN_TIME);
  }

  private Map<String, String> labels(Recording recording) {
    String replays = recording.label();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(
        ReplayRunLabels.REPLAYS,
        replays.length() <= MAX_LABEL ? replays : replays.substring(0, MAX_LABEL));
    labels.put(ReplayRunLabels.SERVICE, settings.service());
    return labels;
  }

  private List<EntryResult> replay(Recording recording, EntrySender sender, String runId) {
    Map<String, String> traces = new LinkedHashMap<>();
    Map<String, String> errors = new HashMap<>();
    for (ReplayEntry entry : recording.entries()) {
      String key = entry.key().format();
      try {
        traces.put(key, sender.send(entry, runId));
      } catch (EntrySender.EntryFailure e) {
        errors.put(key, entry.name() + " cannot be replayed: " + e.getMessage() + ".");
      }
    }
    progress.printf("waiting for %d replayed trees%n", traces.size());
    progress.flush();
    Map<String, List<CheckpointNode>> trees =
        traces.isEmpty()
            ? Map.of()
            : new TreeFetcher(
                    server,
                    settings.quietPeriod(),
                    settings.ingestTimeout(),
                    "Is the service under test instrumented, exporting to that server"
                        + " (CHECKPOINT_ENDPOINT) and in REPLAY mode (or recording: ON, or"
                        + " ON_DEMAND), and is --service the name it records under?")
                .fetchRun(runId, traces);
    List<EntryResult> results = new ArrayList<>();
    NoiseRules runNoise = null;
    for (ReplayEntry entry : recording.entries()) {
      String key = entry.key().format();
      if (errors.containsKey(key)) {
        results.add(
            new EntryResult(
                entry.key(),
                entry.name(),
                null,
                EntryResult.Status.ERROR,
                List.of(),
                List.of(),
                new TreeDiff(List.of()),
                errors.get(key)));
        continue;
      }
      NoiseRules rules = rules(entry);
      runNoise = runNoise == null ? rules : runNoise.and(rules);
      results.add(compare(entry, traces.get(key), trees.get(key), rules));
    }
    if (runNoise != null) {
      // The server compares the replay run with the one it replays under the same rules.
      server.setNoise(runId, runNoise);
    }
    return results;
  }

  /**
   * What the sender cannot send as recorded, and so is not compared: the entry's {@code
   * content-length}. A recorded body is sent again from its captured form, which holds redacted
   * values as {@code [REDACTED]} and JSON without the client's spacing, so its length differs even
   * when the service did exactly what it did; a real change of the body shows in the body itself.
   */
  static final NoiseRules NOT_SENT_AS_RECORDED =
      NoiseRules.of(List.of(), List.of("/input/headers/content-length"), null, List.of());

  /**
   * The recording's noise rules, what is not sent as recorded, and the scenario's rules when one
   * starts the service.
   */
  private NoiseRules rules(ReplayEntry entry) {
    NoiseRules rules = entry.noise().and(NOT_SENT_AS_RECORDED);
    if (settings.scenario() == null) {
      return rules;
    }
    return rules.and(
        NoiseRules.of(
            settings.scenario().noise().normalise(),
            settings.scenario().noise().ignore(),
            null,
            List.of()));
  }

  private EntryResult compare(
      ReplayEntry entry, String traceId, List<CheckpointNode> replayedRoots, NoiseRules rules) {
    Normaliser normaliser = rules.normaliser();
    List<CheckpointNode> recorded =
        normaliser.normalise(List.of(withoutContentLength(entry.recorded())));
    List<CheckpointNode> own = new ArrayList<>();
    for (CheckpointNode root : replayedRoots) {
      if (root.service().equals(settings.service())) {
        own.add(withoutContentLength(CheckpointTrees.serviceSubtree(root)));
      }
    }
    List<CheckpointNode> replayed = normaliser.normalise(own);
    TreeDiff diff = rules.diff().compare(recorded, replayed);
    return new EntryResult(
        entry.key(),
        entry.name(),
        traceId,
        diff.isEmpty() ? EntryResult.Status.EQUAL : EntryResult.Status.DIFFERENT,
        recorded,
        replayed,
        diff,
        null);
  }

  /**
   * The entry without the {@code content-length} of its request. The replaying HTTP client sets it
   * for the body it sends, which is shorter or longer than the recorded one wherever the recording
   * holds {@code [REDACTED]} in place of a value (a card number in the body), and the body itself
   * is compared: its length would only report the redaction as a difference of every such entry.
   */
  static CheckpointNode withoutContentLength(CheckpointNode entry) {
    ObjectNode fields = entry.fields();
    if (!(fields.path("input").path("headers") instanceof ObjectNode headers)) {
      return entry;
    }
    List<String> lengths = new ArrayList<>();
    headers
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (name.equalsIgnoreCase("content-length")) {
                lengths.add(name);
              }
            });
    if (lengths.isEmpty()) {
      return entry;
    }
    headers.remove(lengths);
    return CheckpointNode.of(entry.key(), fields, entry.children());
  }
}
