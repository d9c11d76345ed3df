package dev.checkpoint.server.internal.trees;

import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.AssetLayout;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.Normaliser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Recorded checkpoints as test assets in the canonical format: a tree, a subtree, a run (one file
 * per tree), or every recorded call of one component in a run. Several files come as a zip. Values
 * are normalised with the noise rules of the runs they were recorded in.
 */
public final class AssetExport {
  private final RecordedTrees recorded;

  public AssetExport(RecordedTrees recorded) {
    this.recorded = recorded;
  }

  /**
   * What to export: {@code trace}, {@code trace + checkpoint}, {@code run} or {@code run +
   * component}; other parameters null.
   */
  public record Selection(String trace, String checkpoint, String run, String component) {

    /** The selection given as the query parameters of the same names. */
    public static Selection of(Function<String, String> parameter) {
      return new Selection(
          parameter.apply("trace"),
          parameter.apply("checkpoint"),
          parameter.apply("run"),
          parameter.apply("component"));
    }
  }

  /** An exported file: its name, media type and bytes. */
  public record ExportFile(String fileName, String contentType, byte[] content) {}

  /**
   * Exports a selection.
   *
   * @throws SelectionException when the selection names nothing stored or makes no sense
   */
  public ExportFile export(Selection selection) {
    return recorded.reading(budget -> export(budget, selection));
  }

  private ExportFile export(TreeReads.Budget budget, Selection selection) {
    String trace = selection.trace();
    String run = selection.run();
    if (trace != null && run == null && selection.component() == null) {
      RecordedTrees.Tree tree = recorded.ofTrace(budget, trace);
      Normaliser normaliser = recorded.noise(tree.runIds()).normaliser();
      if (selection.checkpoint() == null) {
        return file(tree.roots().get(0).name(), Asset.ofTrees(tree.roots(), normaliser));
      }
      CheckpointNode subtree = find(tree.roots(), selection.checkpoint());
      return file(subtree.name(), Asset.ofSubtree(subtree, normaliser));
    }
    if (run != null && trace == null && selection.checkpoint() == null) {
      List<RecordedTrees.Tree> trees = recorded.ofRun(budget, run);
      Normaliser normaliser = recorded.noise(List.of(run)).normaliser();
      if (selection.component() != null) {
        Asset asset =
            Asset.ofComponent(selection.component(), RecordedTrees.forest(trees), normaliser);
        if (asset.checkpoints().isEmpty()) {
          throw SelectionException.notFound(
              "Run " + run + " has no checkpoint named " + selection.component() + " to export.");
        }
        return file(selection.component(), asset);
      }
      if (trees.size() == 1) {
        return file(
            trees.get(0).roots().get(0).name(), Asset.ofTrees(trees.get(0).roots(), normaliser));
      }
      return zip(run, trees, normaliser);
    }
    throw SelectionException.invalid(
        "Export a tree (trace), a subtree (trace and checkpoint), a run (run) or the calls of one"
            + " component in a run (run and component).",
        null);
  }

  private static CheckpointNode find(List<CheckpointNode> roots, String id) {
    for (CheckpointNode root : roots) {
      for (CheckpointNode node : root.flatten()) {
        if (node.id().filter(id::equals).isPresent()) {
          return node;
        }
      }
    }
    throw SelectionException.notFound("The tree has no checkpoint " + id + ".");
  }

  private static ExportFile file(String name, Asset asset) {
    return new ExportFile(
        fileName(name) + ".json",
        "application/json",
        AssetFormat.write(asset).getBytes(StandardCharsets.UTF_8));
  }

  private static ExportFile zip(String run, List<RecordedTrees.Tree> trees, Normaliser normaliser) {
    Map<String, String> files = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    for (RecordedTrees.Tree tree : trees) {
      String base = fileName(tree.roots().get(0).name());
      String name = base;
      for (int n = 2; !used.add(name); n++) {
        name = base + "-" + n;
      }
      files.put(name + ".json", AssetFormat.write(Asset.ofTrees(tree.roots(), normaliser)));
    }
    return zipped(run, files);
  }

  /** Files as a zip named after {@code name}: one export of several files. */
  static ExportFile zipped(String name, Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ExportFile(fileName(name) + ".zip", "application/zip", bytes.toByteArray());
  }

  /** A name made of safe characters only, so it can go in a header and on any file system. */
  static String fileName(String name) {
    try {
      return AssetLayout.fileName(name);
    } catch (IllegalArgumentException e) {
      return "checkpoints";
    }
  }
}
