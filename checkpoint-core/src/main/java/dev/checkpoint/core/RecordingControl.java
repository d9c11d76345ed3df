package dev.checkpoint.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.RunId;
import dev.checkpoint.core.export.ExporterStats;
import dev.checkpoint.core.internal.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Switches recording at run time: the process's mode and run id, readable and writable through a
 * token-checked operation that instrumentation mounts as {@code /checkpoint/control}. Without a
 * control token the operation is disabled and answers 404.
 *
 * <p>The state is one immutable value behind one volatile field, so the recording hot path reads
 * mode and run id together in a single volatile read.
 */
public final class RecordingControl {

  /**
   * The process's recording state.
   *
   * @param mode what is recorded
   * @param runId the run id given to root checkpoints, or {@code null}
   */
  public record State(RecordingMode mode, String runId) {
    /** Validates. */
    public State {
      Objects.requireNonNull(mode, "mode");
      if (runId != null && !RunId.isValid(runId)) {
        throw new IllegalArgumentException("runId must be " + RunId.RULE + ", not " + runId);
      }
    }
  }

  /**
   * An HTTP-shaped answer, so any web framework can mount the operation.
   *
   * @param status the HTTP status
   * @param json the JSON body
   */
  public record Response(int status, String json) {}

  private final String service;
  private final byte[] token;
  private final Supplier<ExporterStats> stats;
  private final boolean replayConfigured;
  private volatile State state;

  RecordingControl(
      String service,
      State initial,
      String controlToken,
      Supplier<ExporterStats> stats,
      boolean replayConfigured) {
    this.service = service;
    this.state = initial;
    this.token = controlToken == null ? null : controlToken.getBytes(StandardCharsets.UTF_8);
    this.stats = stats;
    this.replayConfigured = replayConfigured;
  }

  /**
   * The current state.
   *
   * @return mode and run id
   */
  public State state() {
    return state;
  }

  /**
   * Sets the state from trusted code (tests, a scenario runner in-process).
   *
   * @param mode the new mode
   * @param runId the new run id, or {@code null}
   * @return the new state
   */
  public State set(RecordingMode mode, String runId) {
    State next = new State(mode, runId);
    state = next;
    return next;
  }

  /**
   * Whether the HTTP operation is enabled.
   *
   * @return {@code true} when a control token is configured
   */
  public boolean isEnabled() {
    return token != null;
  }

  /**
   * Handles one request to the control endpoint: {@code GET} returns the status, {@code POST
   * {"mode": "ON" | "OFF" | "ON_DEMAND" | "REPLAY", "runId": "..."}} changes it; {@code REPLAY}
   * only when a replay source is configured. A missing or wrong bearer token changes nothing and
   * answers 401.
   *
   * @param method the HTTP method
   * @param authorization the {@code Authorization} header, may be {@code null}
   * @param body the request body, may be {@code null} for GET
   * @return the response to send
   */
  public Response handle(String method, String authorization, String body) {
    Optional<Response> refused = refusal(authorization);
    if (refused.isPresent()) {
      return refused.get();
    }
    if ("GET".equalsIgnoreCase(method)) {
      return new Response(200, statusJson());
    }
    if (!"POST".equalsIgnoreCase(method)) {
      return error(405, "method not allowed", "Use GET to read the status or POST to change it.");
    }
    return apply(body);
  }

  /**
   * Checks a request's access before anything else about it, so that a web framework mounting the
   * operation can refuse an unauthenticated request before it reads or measures the body: 404 while
   * the operation is disabled, 401 for a missing or wrong bearer token.
   *
   * @param authorization the {@code Authorization} header, may be {@code null}
   * @return the response refusing the request, or empty when it may go on to {@link #handle}
   */
  public Optional<Response> refusal(String authorization) {
    if (token == null) {
      return Optional.of(
          error(
              404,
              "control endpoint disabled",
              "Set CHECKPOINT_CONTROL_TOKEN (system property checkpoint.control.token) to enable"
                  + " it."));
    }
    if (!authorized(authorization)) {
      return Optional.of(
          error(401, "unauthorized", "Send the control token as 'Authorization: Bearer <token>'."));
    }
    return Optional.empty();
  }

  private Response apply(String body) {
    JsonNode request;
    try {
      request = JsonCodec.mapper().readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      return error(400, "malformed JSON", e.getOriginalMessage());
    }
    if (request == null || !request.isObject()) {
      return error(400, "invalid request", "Send a JSON object such as {\"mode\": \"ON\"}.");
    }
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("mode") && !name.equals("runId")) {
        return error(400, "unknown field '" + name + "'", "Only 'mode' and 'runId' are accepted.");
      }
    }
    JsonNode mode = request.get("mode");
    if (mode == null || !mode.isTextual()) {
      return error(400, "invalid mode", "'mode' must be one of " + modes() + ".");
    }
    RecordingMode newMode;
    try {
      newMode = RecordingMode.valueOf(mode.asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return error(
          400,
          "invalid mode",
          "'" + mode.asText() + "' is not a mode; use one of " + modes() + ".");
    }
    if (newMode == RecordingMode.REPLAY && !replayConfigured) {
      return error(
          400,
          "replay source not configured",
          "Start the service with CHECKPOINT_REPLAY_SOURCE (system property"
              + " checkpoint.replay.source) to switch it to REPLAY.");
    }
    JsonNode runId = request.get("runId");
    if (runId != null && !runId.isNull() && !(runId.isTextual() && RunId.isValid(runId.asText()))) {
      return error(400, "invalid runId", "'runId' must be " + RunId.RULE + ", or null.");
    }
    set(newMode, runId == null || runId.isNull() ? null : runId.asText());
    return new Response(200, statusJson());
  }

  private boolean authorized(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    // Constant-time comparison so the token cannot be guessed byte by byte from timings.
    return MessageDigest.isEqual(presented, token);
  }

  private String statusJson() {
    State current = state;
    ExporterStats exporter = stats.get();
    ObjectNode json = JsonCodec.mapper().createObjectNode();
    json.put("service", service);
    json.put("mode", current.mode().name());
    json.put("runId", current.runId());
    ObjectNode exporterJson = json.putObject("exporter");
    exporterJson.put("queued", exporter.queued());
    exporterJson.put("exported", exporter.exported());
    exporterJson.put("dropped", exporter.dropped());
    return json.toString();
  }

  private static Response error(int status, String error, String detail) {
    ObjectNode json = JsonCodec.mapper().createObjectNode();
    json.put("error", error);
    json.put("detail", detail);
    return new Response(status, json.toString());
  }

  private static String modes() {
    return Arrays.toString(RecordingMode.values());
  }
}
