package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointChange;
import dev.checkpoint.assets.FirstDivergence;
import dev.checkpoint.assets.ValueChange;
import dev.checkpoint.server.internal.trees.AssetExport;
import dev.checkpoint.server.internal.trees.TreeComparison;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/** Recorded trees as test assets, and the structural diff of two runs or two trees. */
final class AssetHandlers {
  /** The export formats; Pact and WireMock are to join assets here. */
  private static final List<String> FORMATS = List.of("assets");

  private final AssetExport export;
  private final TreeComparison comparison;

  AssetHandlers(AssetExport export, TreeComparison comparison) {
    this.export = export;
    this.comparison = comparison;
  }

  /**
   * {@code GET /api/v1/export?trace=&checkpoint=&run=&component=&format=assets}: one asset file as
   * JSON, or a zip of one per tree for a run of several trees.
   */
  void export(Context ctx) {
    String format = Params.text(ctx, "format");
    if (format != null && !FORMATS.contains(format)) {
      throw ApiException.badRequest(
          "invalid_parameter", "format must be one of " + String.join(", ", FORMATS), "format");
    }
    AssetExport.ExportFile file =
        export.export(AssetExport.Selection.of(name -> Params.text(ctx, name)));
    ctx.header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
    ctx.status(200).contentType(file.contentType()).result(file.content());
  }

  /** {@code GET /api/v1/diff?run=&run=} or {@code ?trace=&trace=}: what changed, left to right. */
  void diff(Context ctx) {
    TreeComparison.Compared compared =
        comparison.compare(nonBlank(ctx.queryParams("run")), nonBlank(ctx.queryParams("trace")));
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putObject("left").put(compared.left().what(), compared.left().id());
    body.putObject("right").put(compared.right().what(), compared.right().id());
    body.put("equal", compared.diff().isEmpty());
    ArrayNode changes = body.putArray("changes");
    compared.diff().changes().forEach(change -> changes.add(change(change)));
    body.set(
        "firstDivergence",
        FirstDivergence.of(compared.diff()).map(FirstDivergence::toJson).orElse(null));
    Json.send(ctx, 200, body);
  }

  private static List<String> nonBlank(List<String> values) {
    return values.stream().filter(value -> !value.isBlank()).toList();
  }

  private static ObjectNode change(CheckpointChange change) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("key", change.key().toString());
    if (change instanceof CheckpointChange.Added added) {
      node.put("change", "added");
      node.set("checkpoint", added.checkpoint().fields());
    } else if (change instanceof CheckpointChange.Removed removed) {
      node.put("change", "removed");
      node.set("checkpoint", removed.checkpoint().fields());
    } else if (change instanceof CheckpointChange.Moved moved) {
      node.put("change", "moved");
      node.put("expectedKey", moved.expectedKey().toString());
    } else {
      CheckpointChange.Changed changed = (CheckpointChange.Changed) change;
      node.put("change", "changed");
      node.put("expectedKey", changed.expectedKey().toString());
      ArrayNode fields = node.putArray("fields");
      changed.changes().forEach(value -> fields.add(field(value)));
    }
    return node;
  }

  private static ObjectNode field(ValueChange change) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("path", change.path());
    node.put("type", change.type().name().toLowerCase(Locale.ROOT));
    setPresent(node, "expected", change.expected());
    setPresent(node, "actual", change.actual());
    return node;
  }

  private static void setPresent(ObjectNode node, String field, JsonNode value) {
    if (!value.isMissingNode()) {
      node.set(field, value);
    }
  }
}
