package dev.checkpoint.cli;

import dev.checkpoint.assets.AssetLayout;
import dev.checkpoint.cli.internal.export.ExportDownload;
import dev.checkpoint.cli.internal.export.ExportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code checkpoint export}: downloads recorded trees from a checkpoint server as test assets,
 * normalised with the noise rules stored with their runs, through {@code GET /api/v1/export}.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Downloads recorded checkpoints from a checkpoint server as test assets: a tree (--trace),"
            + " a subtree (--trace, --checkpoint), a run (--run, one file per tree) or the calls"
            + " of one component in a run (--run, --component); or, with --format pact or"
            + " wiremock, the contracts of the interactions in a tree or run (one Pact V4 file per"
            + " consumer-provider pair, or one WireMock mappings file per calling service),"
            + " optionally of one --service. Exit code 0: written, 2: error.",
    footer = {
      "",
      "Example: checkpoint export --trace 0af7651916cd43dd8448eb211c80319c \\",
      "           --output src/test/resources/checkpoints --name clinic/find-owner",
      "writes src/test/resources/checkpoints/clinic/find-owner.json, the asset of",
      "@CheckpointReplay(scenario = \"clinic\", step = \"find-owner\").",
      "",
      "Example: checkpoint export --run nightly-42 --format pact --service payments \\",
      "           --output pacts",
      "writes pacts/orders-payments.json, the pact payments' provider verification reads."
    })
final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:7070",
      description = "Base URL of the checkpoint server. Default: ${DEFAULT-VALUE}")
  String server;

  @Option(names = "--run", paramLabel = "ID", description = "Export a run's trees.")
  String run;

  @Option(names = "--trace", paramLabel = "ID", description = "Export the tree of a trace.")
  String trace;

  @Option(
      names = "--checkpoint",
      paramLabel = "ID",
      description = "With --trace: export only this checkpoint and what it called.")
  String checkpoint;

  @Option(
      names = "--component",
      paramLabel = "NAME",
      description = "With --run: export every call of this checkpoint name, such as Prices.quote.")
  String component;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description =
          "With --format pact: only the pairs this service is consumer or provider in; with"
              + " --format wiremock: only this service's calls.")
  String service;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "assets",
      description = "What to export: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}",
      completionCandidates = Formats.class)
  String format;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      required = true,
      description = "The directory to write into, created when missing; zips are unpacked.")
  Path output;

  @Option(
      names = "--name",
      paramLabel = "SCENARIO/STEP",
      description =
          "Write the one exported file as <DIR>/<scenario>/<step>.json, where @CheckpointReplay"
              + " finds it. Default: the names the server gives.")
  String name;

  @Option(names = "--force", description = "Overwrite files that are there already.")
  boolean force;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:CHECKPOINT_READ_TOKEN}",
      description =
          "A read token, for a server with auth.read-tokens. Default: $CHECKPOINT_READ_TOKEN")
  String token;

  @Override
  public Integer call() throws IOException {
    if (run == null && trace == null) {
      throw new IllegalArgumentException(
          "checkpoint export needs --trace ID (a tree) or --run ID (a run's trees); find them on"
              + " the server's Runs page.");
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("run", run);
    query.put("trace", trace);
    query.put("checkpoint", checkpoint);
    query.put("component", component);
    query.put("service", service);
    query.put("format", ExportFormat.of(format).id());
    ExportDownload download = ExportDownload.fetch(server, query, token);
    List<Path> written = download.write(output, assetPath(), force);
    PrintWriter out = spec.commandLine().getOut();
    for (Path file : written) {
      out.println("wrote " + file);
    }
    out.flush();
    return 0;
  }

  /* --name scenario/step as the path AssetLayout gives it, or null for the server's names. */
  private String assetPath() {
    if (name == null) {
      return null;
    }
    int slash = name.lastIndexOf('/');
    if (slash <= 0 || slash == name.length() - 1) {
      throw new IllegalArgumentException(
          "--name " + name + " is not SCENARIO/STEP, such as clinic/find-owner.");
    }
    return AssetLayout.at(Path.of(""))
        .path(name.substring(0, slash), name.substring(slash + 1))
        .toString();
  }

  /** The format names for the help text. */
  static final class Formats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ExportFormat.values()).map(ExportFormat::id).iterator();
    }
  }
}
