package dev.checkpoint.instrumentation.servlet;

import dev.checkpoint.core.RecordingControl;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Mounts the recorder's control endpoint: {@code GET} returns the recording status, {@code POST
 * {"mode": "ON" | "OFF" | "ON_DEMAND", "runId": "..."}} changes it, both with {@code Authorization:
 * Bearer <control token>}. Without a configured control token every request answers 404, and a
 * missing or wrong token answers 401 and changes nothing; both are decided before the body is read.
 *
 * <pre>{@code
 * context.addServlet(new ServletHolder(CheckpointControlServlet.create(recorder.control())),
 *     CheckpointControlServlet.PATH);
 * }</pre>
 */
public final class CheckpointControlServlet extends HttpServlet {

  /** Where the endpoint is mounted by convention. */
  public static final String PATH = "/checkpoint/control";

  /** Control requests are a few bytes of JSON; anything longer is refused unread. */
  private static final int MAX_BODY_BYTES = 4096;

  private static final long serialVersionUID = 1L;

  private final transient RecordingControl control;

  private CheckpointControlServlet(RecordingControl control) {
    this.control = control;
  }

  /**
   * Creates the servlet.
   *
   * @param control the recorder's control (its {@code control()}), whose mode it switches
   * @return the servlet
   */
  public static CheckpointControlServlet create(RecordingControl control) {
    return new CheckpointControlServlet(Objects.requireNonNull(control, "control"));
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String authorization = request.getHeader("Authorization");
    // Access first: an unauthenticated caller learns nothing, not even the body size limit.
    Optional<RecordingControl.Response> refused = control.refusal(authorization);
    if (refused.isPresent()) {
      // The body is left unread, so the container may drop the connection after answering: say
      // so, or a client that reuses connections sends its next request into a closed one.
      response.setHeader("Connection", "close");
      send(response, refused.get());
      return;
    }
    String body = null;
    if ("POST".equalsIgnoreCase(request.getMethod())) {
      byte[] bytes;
      try (InputStream in = request.getInputStream()) {
        bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (bytes.length > MAX_BODY_BYTES) {
        response.setHeader("Connection", "close");
        send(
            response,
            new RecordingControl.Response(
                413,
                "{\"error\":\"request too large\",\"detail\":\"Send at most "
                    + MAX_BODY_BYTES
                    + " bytes of JSON.\"}"));
        return;
      }
      body = new String(bytes, StandardCharsets.UTF_8);
    }
    send(response, control.handle(request.getMethod(), authorization, body));
  }

  private static void send(HttpServletResponse response, RecordingControl.Response answer)
      throws IOException {
    byte[] json = answer.json().getBytes(StandardCharsets.UTF_8);
    response.setStatus(answer.status());
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    if (answer.status() == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response.setContentLength(json.length);
    response.getOutputStream().write(json);
  }
}
