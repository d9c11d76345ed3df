package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.internal.storage.StoredJson;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/** Writing JSON responses. */
final class Json {
  static final ObjectMapper MAPPER = StoredJson.MAPPER;

  private Json() {}

  static void send(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Refuses a body that does not say it is JSON. A browser can send a cross-site request without a
   * preflight only with a form's or plain text's type, so requiring {@code application/json} keeps
   * other sites' pages from posting here.
   */
  static void requireJsonBody(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(
          415,
          "unsupported_media_type",
          (type == null
                  ? "The request has no Content-Type"
                  : "Content-Type " + type + " is not accepted")
              + "; send the body as JSON with Content-Type: application/json.",
          null,
          Map.of());
    }
  }

  static ObjectNode error(String error, String detail, String path) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("error", error);
    body.put("detail", detail);
    body.put("path", path);
    return body;
  }
}
