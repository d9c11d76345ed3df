package dev.checkpoint.instrumentation.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.core.replay.RecordedCall;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A recorded HTTP response as a client in replay gives it to the application: status, headers and
 * body bytes made back from the recorded output. JSON, text and form bodies come back as they were
 * recorded (JSON written compactly, which records to the same value); a binary body from its
 * base64; a body recorded only as a truncated preview comes back as that preview.
 *
 * @param status the status code
 * @param headers each header's values, names lower-case as recorded
 * @param body the body bytes, empty when none was recorded
 */
public record RecordedResponse(int status, Map<String, List<String>> headers, byte[] body) {

  /**
   * The response a recorded call's output describes.
   *
   * @param call a matched recorded call of an HTTP client
   * @return the response
   */
  public static RecordedResponse of(RecordedCall call) {
    JsonNode output = call.output();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> header : output.path("headers").properties()) {
      headers.put(header.getKey(), List.of(header.getValue().asText()));
    }
    String contentType =
        output.path("headers").path("content-type").isTextual()
            ? output.path("headers").path("content-type").asText()
            : null;
    return new RecordedResponse(
        output.path("status").asInt(200), headers, bytes(output.path("body"), contentType));
  }

  /**
   * The exception a recorded call failed with, made again: of the recorded type when that is an
   * {@link IOException} with a message constructor, otherwise an {@link IOException} naming it.
   *
   * @param call a recorded call that failed
   * @return the exception to throw
   */
  public static IOException error(RecordedCall call) {
    JsonNode error = call.error().orElseThrow();
    String type = error.path("type").asText("");
    String message = error.path("message").isTextual() ? error.path("message").asText() : null;
    try {
      Class<?> recorded = Class.forName(type, false, RecordedResponse.class.getClassLoader());
      if (IOException.class.isAssignableFrom(recorded)) {
        return (IOException) recorded.getConstructor(String.class).newInstance(message);
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      // Not a type this process can make: the message says which it was.
    }
    return new IOException(type + (message == null ? "" : ": " + message));
  }

  private static byte[] bytes(JsonNode body, String contentType) {
    if (body.isMissingNode() || body.isNull()) {
      return new byte[0];
    }
    Charset charset = ContentTypes.charset(contentType, StandardCharsets.UTF_8);
    if (body.isTextual()) {
      return body.asText().getBytes(charset);
    }
    if (body.isObject() && body.path("truncated").asBoolean(false)) {
      return body.path("preview").asText("").getBytes(charset);
    }
    if (body.isObject() && body.path("base64").isTextual() && body.size() == 2) {
      return Base64.getDecoder().decode(body.path("base64").asText());
    }
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).contains("x-www-form-urlencoded")) {
      return form(body).getBytes(charset);
    }
    return body.toString().getBytes(charset);
  }

  private static String form(JsonNode fields) {
    StringJoiner out = new StringJoiner("&");
    for (Map.Entry<String, JsonNode> field : fields.properties()) {
      List<JsonNode> values = new ArrayList<>();
      if (field.getValue().isArray()) {
        field.getValue().forEach(values::add);
      } else {
        values.add(field.getValue());
      }
      for (JsonNode value : values) {
        out.add(
            java.net.URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "="
                + java.net.URLEncoder.encode(value.asText(), StandardCharsets.UTF_8));
      }
    }
    return out.toString();
  }
}
