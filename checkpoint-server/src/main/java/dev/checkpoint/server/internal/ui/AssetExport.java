package dev.checkpoint.server.internal.ui;

import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.AssetLayout;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.Normaliser;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Downloads recorded checkpoints as test assets in the canonical format: a tree ({@code ?trace=}),
 * a subtree ({@code ?trace=&checkpoint=}), a run, one file per tree ({@code ?run=}), or every
 * recorded call of one component in a run ({@code ?run=&component=}). Several files come as a zip.
 */
final class AssetExport {
  private final RecordedTrees recorded;

  AssetExport(RecordedTrees recorded) {
    this.recorded = recorded;
  }

  void export(Context ctx) {
    String trace = Pagination.param(ctx, "trace");
    String checkpoint = Pagination.param(ctx, "checkpoint");
    String run = Pagination.param(ctx, "run");
    String component = Pagination.param(ctx, "component");
    if (trace != null && run == null && component == null) {
      TreePages.checkedTraceId(trace);
      List<CheckpointNode> roots = recorded.ofTrace(trace).roots();
      if (checkpoint == null) {
        sendFile(ctx, roots.get(0).name(), Asset.ofTrees(roots, Normaliser.defaults()));
      } else {
        CheckpointNode subtree = find(roots, checkpoint);
        sendFile(ctx, subtree.name(), Asset.ofSubtree(subtree, Normaliser.defaults()));
      }
    } else if (run != null && trace == null && checkpoint == null) {
      List<RecordedTrees.Tree> trees = recorded.ofRun(run);
      if (component != null) {
        Asset asset =
            Asset.ofComponent(component, RecordedTrees.roots(trees), Normaliser.defaults());
        if (asset.checkpoints().isEmpty()) {
          throw UiException.notFound(
              "Run " + run + " has no checkpoint named " + component + " to export.");
        }
        sendFile(ctx, component, asset);
      } else if (trees.size() == 1) {
        sendFile(ctx, trees.get(0).roots().get(0).name(), treeAsset(trees.get(0)));
      } else {
        sendZip(ctx, run, trees);
      }
    } else {
      throw UiException.badRequest(
          "Export a tree (?trace=), a subtree (?trace=&checkpoint=), a run (?run=) or the calls of"
              + " one component in a run (?run=&component=).");
    }
  }

  private static CheckpointNode find(List<CheckpointNode> roots, String id) {
    for (CheckpointNode root : roots) {
      for (CheckpointNode node : root.flatten()) {
        if (node.id().filter(id::equals).isPresent()) {
          return node;
        }
      }
    }
    throw UiException.notFound("The tree has no checkpoint " + id + ".");
  }

  private static Asset treeAsset(RecordedTrees.Tree tree) {
    return Asset.ofTrees(tree.roots(), Normaliser.defaults());
  }

  private static void sendFile(Context ctx, String name, Asset asset) {
    send(
        ctx,
        "application/json",
        fileName(name) + ".json",
        AssetFormat.write(asset).getBytes(StandardCharsets.UTF_8));
  }

  private static void sendZip(Context ctx, String run, List<RecordedTrees.Tree> trees) {
    Map<String, Asset> files = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    for (RecordedTrees.Tree tree : trees) {
      String base = fileName(tree.roots().get(0).name());
      String name = base;
      for (int n = 2; !used.add(name); n++) {
        name = base + "-" + n;
      }
      files.put(name + ".json", treeAsset(tree));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, Asset> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(AssetFormat.write(file.getValue()).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    send(ctx, "application/zip", fileName(run) + ".zip", bytes.toByteArray());
  }

  /** A name made of safe characters only, so it can go in a header and on any file system. */
  private static String fileName(String name) {
    try {
      return AssetLayout.fileName(name);
    } catch (IllegalArgumentException e) {
      return "checkpoints";
    }
  }

  private static void send(Context ctx, String contentType, String fileName, byte[] body) {
    UiRender.secure(ctx);
    ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    ctx.contentType(contentType).result(body);
  }
}
