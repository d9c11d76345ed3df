package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.RunId;
import dev.checkpoint.assets.AssetFormatException;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.server.internal.ingest.Utf8;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.Run;
import dev.checkpoint.server.internal.storage.RunFilter;
import dev.checkpoint.server.internal.storage.RunUpdate;
import dev.checkpoint.server.internal.storage.StorableText;
import dev.checkpoint.server.internal.storage.TreeSummary;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creating, closing, listing, reading and deleting runs. */
final class RunHandlers {
  private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int MAX_RUN_BODY = 64 * 1024;
  private static final int MAX_LABELS = 64;

  private final CheckpointStore store;

  RunHandlers(CheckpointStore store) {
    this.store = store;
  }

  /** {@code POST /api/v1/runs}: creates a run, or changes or closes the one with the given id. */
  void post(Context ctx) throws IOException {
    Json.requireJsonBody(ctx);
    JsonNode body = readBody(ctx);
    String id = text(body, "id", RunId.MAX_LENGTH);
    if (id == null) {
      id = UUID.randomUUID().toString();
    } else if (!RunId.isValid(id)) {
      throw ApiException.badRequest("invalid_field", "id must be " + RunId.RULE, "id");
    }
    String labels = labels(body.get("labels"));
    JsonNode closed = body.get("closed");
    if (closed != null && !closed.isNull() && !closed.isBoolean()) {
      throw ApiException.badRequest("invalid_type", "closed must be true or false", "closed");
    }
    CheckpointStore.RunChange change =
        store.upsertRun(
            new RunUpdate(
                id,
                text(body, "name", 256),
                text(body, "scenario", 256),
                labels,
                noise(body.get("noise")),
                closed != null && closed.asBoolean()));
    Json.send(ctx, change.created() ? 201 : 200, Views.run(change.run()));
  }

  private static JsonNode readBody(Context ctx) throws IOException {
    byte[] bytes;
    try (InputStream in = ctx.req().getInputStream()) {
      bytes = in.readNBytes(MAX_RUN_BODY + 1);
    }
    if (bytes.length > MAX_RUN_BODY) {
      throw new ApiException(
          413, "payload_too_large", "A run is at most " + MAX_RUN_BODY + " bytes", null, Map.of());
    }
    int malformed = Utf8.firstMalformed(bytes);
    if (malformed >= 0) {
      throw ApiException.badRequest(
          "invalid_utf8",
          "The body is not well-formed UTF-8 at byte " + malformed + "; send it encoded as UTF-8.",
          null);
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "invalid_json", "The body is not valid JSON: " + e.getOriginalMessage(), null);
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest(
          "invalid_json", "The body must be a JSON object, e.g. {\"name\": \"nightly\"}", null);
    }
    return body;
  }

  private static String text(JsonNode body, String field, int maxLength) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()
        || value.textValue().isEmpty()
        || value.textValue().length() > maxLength) {
      throw ApiException.badRequest(
          "invalid_field", field + " must be a string of 1 to " + maxLength + " characters", field);
    }
    String problem = StorableText.problem(value.textValue());
    if (problem != null) {
      throw ApiException.badRequest("invalid_field", field + " " + problem, field);
    }
    return value.textValue();
  }

  private static String labels(JsonNode labels) {
    if (labels == null || labels.isNull()) {
      return null;
    }
    if (!labels.isObject() || labels.size() > MAX_LABELS) {
      throw ApiException.badRequest(
          "invalid_field",
          "labels must be an object of at most " + MAX_LABELS + " string values",
          "labels");
    }
    for (Map.Entry<String, JsonNode> label : labels.properties()) {
      if (!LABEL_KEY.matcher(label.getKey()).matches()) {
        throw ApiException.badRequest(
            "invalid_field",
            "label names are 1 to 64 letters, digits and ._-",
            "labels." + label.getKey());
      }
      if (!label.getValue().isTextual() || label.getValue().textValue().length() > 1024) {
        throw ApiException.badRequest(
            "invalid_type",
            "label values are strings of at most 1024 characters",
            "labels." + label.getKey());
      }
      String problem = StorableText.problem(label.getValue().textValue());
      if (problem != null) {
        throw ApiException.badRequest(
            "invalid_field",
            "labels." + label.getKey() + " " + problem,
            "labels." + label.getKey());
      }
    }
    return labels.toString();
  }

  /** The noise rules the runner compared the run with; checked so that compare can use them. */
  private static String noise(JsonNode noise) {
    if (noise == null || noise.isNull()) {
      return null;
    }
    try {
      return NoiseRules.fromJson(noise, "noise").toJson().toString();
    } catch (AssetFormatException e) {
      throw ApiException.badRequest("invalid_field", e.getMessage(), "noise");
    }
  }

  /** {@code GET /api/v1/runs?name=&label=key:value}: newest first. */
  void list(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    String label = Params.text(ctx, "label");
    String labelKey = null;
    String labelValue = null;
    if (label != null) {
      int colon = label.indexOf(':');
      if (colon <= 0 || !LABEL_KEY.matcher(label.substring(0, colon)).matches()) {
        throw ApiException.badRequest(
            "invalid_parameter", "label must be name:value, e.g. branch:main", "label");
      }
      labelKey = label.substring(0, colon);
      labelValue = label.substring(colon + 1);
    }
    List<Run> runs =
        store.runs(
            new RunFilter(Params.text(ctx, "name"), labelKey, labelValue),
            page.fetch(),
            page.offset());
    Json.send(ctx, 200, page.page(runs.stream().map(Views::run).toList()));
  }

  /** {@code GET /api/v1/runs/{runId}}: the run and a page of its trees. */
  void get(Context ctx) {
    String runId = ctx.pathParam("runId");
    PageRequest page = PageRequest.of(ctx);
    Run run = store.run(runId).orElseThrow(() -> ApiException.notFound("No run " + runId));
    List<TreeSummary> trees = store.trees(runId, page.fetch(), page.offset());
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("run", Views.run(run));
    body.set("trees", page.page(trees.stream().map(Views::tree).toList()));
    Json.send(ctx, 200, body);
  }

  /** {@code DELETE /api/v1/runs/{runId}}: the run and its checkpoints. */
  void delete(Context ctx) {
    String runId = ctx.pathParam("runId");
    if (!store.deleteRun(runId)) {
      throw ApiException.notFound("No run " + runId);
    }
    ctx.status(204);
  }
}
