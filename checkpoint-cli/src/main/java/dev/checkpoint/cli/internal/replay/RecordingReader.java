package dev.checkpoint.cli.internal.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.AssetFormatException;
import dev.checkpoint.assets.AssetLayout;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.assets.RecordingKey;
import dev.checkpoint.assets.ReplayRunLabels;
import dev.checkpoint.cli.internal.run.RunFailure;
import dev.checkpoint.cli.internal.run.ServerClient;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the entry requests of one service from a recorded run on a checkpoint server or from asset
 * files, keeping those with the asked names. Every way the recording can be wrong (no such run, no
 * entry of the service or of the name, an unreadable asset) is a {@link RunFailure} saying what to
 * fix, raised before anything is started or stored.
 */
final class RecordingReader {
  private final String service;
  private final Selection selection;
  private final Set<String> names;

  /**
   * Creates a reader.
   *
   * @param service the service under test
   * @param selection which entries to keep
   */
  RecordingReader(String service, Selection selection) {
    this.service = service;
    this.selection = selection;
    this.names = new LinkedHashSet<>(selection.entryNames());
  }

  /**
   * The newest recorded run of a scenario, or with a label: what {@code --latest} and {@code
   * --label} select. Replay runs are not recordings and are passed over.
   *
   * @param scenario the scenario name, or {@code null} for any
   * @param label {@code key:value}, or {@code null} for any
   * @return the run id
   */
  static String latestRun(ServerClient server, String scenario, String label) {
    for (JsonNode run : server.runs(scenario, label)) {
      boolean ofScenario = scenario == null || scenario.equals(run.path("scenario").asText());
      if (ofScenario && !run.path("labels").has(ReplayRunLabels.REPLAYS)) {
        return run.path("id").asText();
      }
    }
    throw new RunFailure(
        "There is no recorded run"
            + (scenario == null ? "" : " of scenario '" + scenario + "'")
            + (label == null ? "" : " labelled " + label)
            + " on the checkpoint server at "
            + server.base()
            + ". Fix "
            + (scenario == null ? "--label" : label == null ? "--latest" : "--latest or --label")
            + ": the server's runs are listed at "
            + server.base()
            + "/ui/runs.");
  }

  /** The entries of the service in a run stored on a checkpoint server. */
  Recording fromServer(ServerClient server, String runId) {
    JsonNode run =
        server
            .run(runId)
            .orElseThrow(
                () ->
                    new RunFailure(
                        "There is no run '"
                            + runId
                            + "' on the checkpoint server at "
                            + server.base()
                            + ". Fix --run: the server's runs are listed at "
                            + server.base()
                            + "/ui/runs."))
            .path("run");
    JsonNode storedNoise = run.path("noise");
    NoiseRules noise =
        storedNoise.isObject()
            ? NoiseRules.fromJson(storedNoise, "the noise rules of run " + runId)
            : NoiseRules.defaults();
    List<ReplayEntry> entries = new ArrayList<>();
    for (String traceId : traces(server, runId)) {
      List<JsonNode> checkpoints = server.checkpoints(traceId).orElse(List.of());
      collect(
          CheckpointTrees.assemble(checkpoints),
          noise,
          node -> new RecordingKey.Recorded(traceId, node.id().orElseThrow()),
          entries);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("CHECKPOINT_REPLAY_SOURCE", server.base());
    settings.put("CHECKPOINT_REPLAY_RUN", runId);
    return new Recording(runId, settings, select(entries, "Run '" + runId + "'"));
  }

  /** The trees of the run holding an entry kind of the service, oldest first. */
  private List<String> traces(ServerClient server, String runId) {
    Map<String, Long> starts = new LinkedHashMap<>();
    for (String kind : CheckpointTrees.ENTRY_KINDS) {
      Map<String, String> filter = new LinkedHashMap<>();
      filter.put("runId", runId);
      filter.put("service", service);
      filter.put("kind", kind);
      filter.put("from", selection.from() == null ? null : nanos(selection.from()));
      filter.put("to", selection.to() == null ? null : nanos(selection.to()));
      int offset = 0;
      while (true) {
        JsonNode page = server.search(filter, offset);
        for (JsonNode item : page.path("items")) {
          starts.merge(
              item.path("traceId").asText(),
              item.path("startTimeUnixNano").asLong(Long.MAX_VALUE),
              Math::min);
        }
        if (!page.path("nextOffset").isNumber()) {
          break;
        }
        offset = page.path("nextOffset").asInt();
      }
    }
    return starts.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .toList();
  }

  private static String nanos(Instant instant) {
    return BigInteger.valueOf(instant.getEpochSecond())
        .multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(instant.getNano()))
        .max(BigInteger.ZERO)
        .toString();
  }

  /** The entries of the service in an asset file, or in every asset under a folder. */
  Recording fromAssets(Path source) {
    if (selection.from() != null || selection.to() != null) {
      throw new RunFailure(
          "Assets keep no recording times, so --from and --to cannot select from them. Select"
              + " from a run on the checkpoint server (--run, --latest, --label) instead.");
    }
    if (!Files.exists(source)) {
      throw new RunFailure(
          "There is no asset file or folder at "
              + source
              + ". Fix --assets: give an asset .json file or a folder of them, such as "
              + AssetLayout.DEFAULT_ROOT
              + ".");
    }
    Path folder = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
    List<ReplayEntry> entries = new ArrayList<>();
    for (Path file : assetFiles(source)) {
      Asset asset = read(file);
      String relative = folder.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
      String assetPath = relative.replace(file.getFileSystem().getSeparator(), "/");
      collect(
          asset.checkpoints(),
          NoiseRules.of(List.of(), List.of(), asset, List.of()),
          node -> new RecordingKey.InAsset(assetPath, node.key()),
          entries);
    }
    return new Recording(
        source.toString(),
        Map.of("CHECKPOINT_REPLAY_SOURCE", source.toAbsolutePath().normalize().toString()),
        select(entries, "The assets at " + source));
  }

  private static List<Path> assetFiles(Path source) {
    if (!Files.isDirectory(source)) {
      return List.of(source);
    }
    try (Stream<Path> walk = Files.walk(source)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(".json"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException e) {
      throw new RunFailure("Cannot list the assets in " + source + ": " + e.getMessage(), e);
    }
  }

  private static Asset read(Path file) {
    try {
      return AssetFormat.read(file);
    } catch (IOException e) {
      throw new RunFailure(
          "Cannot read the asset " + file + ": " + e.getMessage() + ". Fix --assets.", e);
    } catch (AssetFormatException e) {
      throw new RunFailure(
          e.getMessage().replaceAll("\\s*\\R\\s*", " ")
              + " Fix or re-export the asset, or leave it out of --assets.",
          e);
    }
  }

  /**
   * Adds the entries of the service in the trees: its {@code HTTP_SERVER} and {@code
   * MESSAGE_CONSUME} checkpoints whose parent is not its own (another service's call, or none).
   */
  private void collect(
      List<CheckpointNode> roots,
      NoiseRules noise,
      Function<CheckpointNode, RecordingKey> key,
      List<ReplayEntry> entries) {
    for (CheckpointNode entry : CheckpointTrees.entries(roots, service)) {
      entries.add(new ReplayEntry(key.apply(entry), CheckpointTrees.serviceSubtree(entry), noise));
    }
  }

  private List<ReplayEntry> select(List<ReplayEntry> entries, String where) {
    if (entries.isEmpty()) {
      boolean timed = selection.from() != null || selection.to() != null;
      throw new RunFailure(
          where
              + " holds no entry request (HTTP_SERVER or MESSAGE_CONSUME checkpoint) of service '"
              + service
              + "'"
              + (timed
                      ? " recorded "
                          + (selection.from() == null ? "" : "from " + selection.from() + " ")
                          + (selection.to() == null ? "" : "before " + selection.to())
                      : "")
                  .stripTrailing()
              + ". Fix "
              + (timed ? "--from/--to or " : "")
              + "--service: it is the name the service records under (CHECKPOINT_SERVICE_NAME).");
    }
    List<ReplayEntry> kept =
        entries.stream()
            .filter(entry -> names.isEmpty() || names.contains(entry.name()))
            .limit(selection.limit())
            .toList();
    if (kept.isEmpty()) {
      Set<String> recorded = new TreeSet<>();
      entries.forEach(entry -> recorded.add(entry.name()));
      throw new RunFailure(
          where
              + " holds no entry request of service '"
              + service
              + "' named "
              + String.join(" or ", names.stream().map(name -> "'" + name + "'").toList())
              + ". Fix --entry: its entry requests are "
              + String.join(", ", recorded.stream().map(name -> "'" + name + "'").toList())
              + ".");
    }
    return kept;
  }
}
