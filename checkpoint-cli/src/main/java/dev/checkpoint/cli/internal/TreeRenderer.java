package dev.checkpoint.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Draws checkpoint trees as indented text with kinds, services and durations. */
public final class TreeRenderer {

  private static final int PAYLOAD_CHARS = 100;

  private final boolean payloads;

  /**
   * Creates a renderer.
   *
   * @param payloads whether to print abbreviated inputs and outputs
   */
  public TreeRenderer(boolean payloads) {
    this.payloads = payloads;
  }

  /**
   * Renders every tree in the given checkpoints.
   *
   * @param checkpoints wire-format checkpoints in any order
   * @param out where to print
   */
  public void render(List<JsonNode> checkpoints, PrintWriter out) {
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode checkpoint : checkpoints) {
      byId.put(checkpoint.path("id").asText(), checkpoint);
    }
    List<CheckpointNode> roots = CheckpointTrees.assemble(checkpoints);
    for (CheckpointNode root : roots) {
      JsonNode raw = root.id().map(byId::get).orElse(null);
      out.printf(
          "tree %s%s%n",
          raw == null ? "?" : raw.path("traceId").asText(),
          raw == null || raw.path("runId").isNull() ? "" : "  run " + raw.path("runId").asText());
      render(root, byId, "", true, out);
      out.println();
    }
    out.printf("%d checkpoints in %d trees%n", checkpoints.size(), roots.size());
  }

  private void render(
      CheckpointNode node,
      Map<String, JsonNode> byId,
      String indent,
      boolean last,
      PrintWriter out) {
    JsonNode raw = node.id().map(byId::get).orElse(null);
    out.printf(
        "%s%s %-15s %s  [%s] %s%s%n",
        indent,
        last ? "└─" : "├─",
        node.kind(),
        node.name(),
        node.service(),
        raw == null ? "" : duration(raw),
        node.error().map(e -> "  ERROR " + e.path("type").asText()).orElse(""));
    String childIndent = indent + (last ? "   " : "│  ");
    if (payloads) {
      out.printf("%s   in:  %s%n", childIndent, abbreviate(node.input()));
      out.printf("%s   out: %s%n", childIndent, abbreviate(node.output()));
    }
    List<CheckpointNode> children = node.children();
    for (int i = 0; i < children.size(); i++) {
      render(children.get(i), byId, childIndent, i == children.size() - 1, out);
    }
  }

  private static String duration(JsonNode raw) {
    try {
      long nanos =
          Long.parseLong(raw.path("endTimeUnixNano").asText())
              - Long.parseLong(raw.path("startTimeUnixNano").asText());
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1_000_000.0);
    } catch (NumberFormatException e) {
      return "";
    }
  }

  private static String abbreviate(JsonNode value) {
    String text = value == null || value.isMissingNode() ? "-" : value.toString();
    return text.length() <= PAYLOAD_CHARS ? text : text.substring(0, PAYLOAD_CHARS) + "…";
  }
}
