package dev.checkpoint.server.internal.trees;

import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.contracts.ContractException;
import dev.checkpoint.contracts.Contracts;
import dev.checkpoint.contracts.PactExport;
import dev.checkpoint.contracts.Recording;
import dev.checkpoint.contracts.WireMockExport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recorded trees as contracts: Pact V4 files (one per consumer–provider pair) or WireMock mappings
 * (one file per calling service), from a tree or a run, optionally of one service. The server keeps
 * no scenario step names, so each tree's provider state is its entry checkpoint's name and status
 * ({@code POST /orders answered 201}).
 */
public final class ContractExport {

  /** The contract formats. */
  public enum Format {
    PACT,
    WIREMOCK
  }

  private final RecordedTrees recorded;

  public ContractExport(RecordedTrees recorded) {
    this.recorded = recorded;
  }

  /**
   * Exports the contracts of a tree ({@code trace}) or a run ({@code run}).
   *
   * @param service only the pairs this service takes part in (Pact) or its calls (WireMock), or
   *     null for all
   * @throws SelectionException when nothing is stored under the ids, the selection makes no sense,
   *     the service is unknown, or the trees hold no cross-service call
   */
  public AssetExport.ExportFile export(Format format, String trace, String run, String service) {
    return recorded.reading(budget -> export(budget, format, trace, run, service));
  }

  private AssetExport.ExportFile export(
      TreeReads.Budget budget, Format format, String trace, String run, String service) {
    List<RecordedTrees.Tree> trees;
    if (trace != null && run == null) {
      trees = List.of(recorded.ofTrace(budget, trace));
    } else if (run != null && trace == null) {
      trees = recorded.ofRun(budget, run);
    } else {
      throw SelectionException.invalid(
          "Export the contracts of a tree (trace) or of a run (run), not both.", null);
    }
    Normaliser normaliser = recorded.noise(RecordedTrees.runIds(trees)).normaliser();
    List<CheckpointNode> roots = new ArrayList<>();
    trees.forEach(tree -> roots.addAll(tree.roots()));
    Contracts contracts =
        Contracts.of(List.of(Recording.withoutSteps(normaliser.normalise(roots))));
    Map<String, String> files;
    try {
      files = files(format, contracts, service);
    } catch (ContractException e) {
      if (service != null && !contracts.services().contains(service)) {
        throw SelectionException.invalid(e.getMessage(), "service");
      }
      throw SelectionException.notFound(e.getMessage());
    }
    if (files.size() == 1) {
      Map.Entry<String, String> file = files.entrySet().iterator().next();
      return new AssetExport.ExportFile(
          file.getKey(), "application/json", file.getValue().getBytes(StandardCharsets.UTF_8));
    }
    String name = (run != null ? run : trace) + "-" + format.name().toLowerCase(Locale.ROOT);
    return AssetExport.zipped(name, files);
  }

  private static Map<String, String> files(Format format, Contracts contracts, String service) {
    return switch (format) {
      case PACT ->
          service == null ? PactExport.files(contracts) : PactExport.files(contracts, service);
      case WIREMOCK ->
          service == null
              ? WireMockExport.files(contracts)
              : WireMockExport.files(contracts, service);
    };
  }
}
