package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The JSON error format for requests Jetty refuses before any route sees them: a Content-Length
 * that is not a number, or given with chunked encoding, a broken chunk, a header too large. Jetty
 * would answer those with an HTML page.
 */
public final class MalformedRequests extends ErrorHandler {

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int status,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(status, message)), callback);
  }

  private static byte[] body(int status, String message) {
    String error =
        switch (status) {
          case 400 -> "bad_request";
          case 408 -> "request_timeout";
          case 413 -> "payload_too_large";
          case 414 -> "uri_too_long";
          case 431 -> "headers_too_large";
          default -> "http_" + status;
        };
    String detail =
        "The request is not well-formed HTTP"
            + (message == null || message.isBlank() ? "" : " (" + message + ")")
            + ". Send one Content-Length as a decimal number, or Transfer-Encoding: chunked"
            + " alone, and headers under 8 KiB.";
    try {
      return Json.MAPPER.writeValueAsBytes(Json.error(error, detail, null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An error object always serialises", e);
    }
  }
}
