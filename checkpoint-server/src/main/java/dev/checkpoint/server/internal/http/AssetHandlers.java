package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointChange;
import dev.checkpoint.assets.FirstDivergence;
import dev.checkpoint.assets.ValueChange;
import dev.checkpoint.server.internal.trees.AssetExport;
import dev.checkpoint.server.internal.trees.ContractExport;
import dev.checkpoint.server.internal.trees.TreeComparison;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/** Recorded trees as test assets, and the structural diff of two runs or two trees. */
final class AssetHandlers {
  /** The export formats. */
  private static final List<String> FORMATS = List.of("assets", "pact", "wiremock");

  private final AssetExport export;
  private final ContractExport contracts;
  private final TreeComparison comparison;

  AssetHandlers(AssetExport export, ContractExport contracts, TreeComparison comparison) {
    this.export = export;
    this.contracts = contracts;
    this.comparison = comparison;
  }

  /**
   * {@code GET /api/v1/export?trace=&checkpoint=&run=&component=&format=assets}: one asset file as
   * JSON, or a zip of one per tree for a run of several trees. {@code format=pact} and {@code
   * format=wiremock} with {@code trace} or {@code run}, and optionally {@code service}: the
   * contracts of the recorded interactions, one file as JSON or several as a zip.
   */
  void export(Context ctx) {
    String format = Params.text(ctx, "format");
    if (format != null && !FORMATS.contains(format)) {
      throw ApiException.badRequest(
          "invalid_parameter", "format must be one of " + String.join(", ", FORMATS), "format");
    }
    String service = Params.text(ctx, "service");
    AssetExport.ExportFile file;
    if (format == null || format.equals("assets")) {
      if (service != null) {
        throw ApiException.badRequest(
            "invalid_parameter",
            "service selects the contracts of a service; with format=assets select a component"
                + " (run and component) instead",
            "service");
      }
      file = export.export(AssetExport.Selection.of(name -> Params.text(ctx, name)));
    } else {
      for (String assetsOnly : List.of("checkpoint", "component")) {
        if (Params.text(ctx, assetsOnly) != null) {
          throw ApiException.badRequest(
              "invalid_parameter",
              assetsOnly + " belongs to format=assets; contracts are of a tree or a run",
              assetsOnly);
        }
      }
      file =
          contracts.export(
              ContractExport.Format.valueOf(format.toUpperCase(Locale.ROOT)),
              Params.text(ctx, "trace"),
              Params.text(ctx, "run"),
              service);
    }
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
