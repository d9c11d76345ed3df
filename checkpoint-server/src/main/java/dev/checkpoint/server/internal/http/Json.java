package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.internal.storage.StoredJson;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

  /** Writes a response body's JSON value to a generator. */
  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator json) throws IOException;
  }

  /**
   * Sends JSON written straight to a generator, for bodies too large to build as nodes first. The
   * body is complete before it is sent, so a failure while writing is still an error response.
   */
  static void send(Context ctx, int status, Writer body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(bytes)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.status(status).contentType("application/json").result(bytes.toByteArray());
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
