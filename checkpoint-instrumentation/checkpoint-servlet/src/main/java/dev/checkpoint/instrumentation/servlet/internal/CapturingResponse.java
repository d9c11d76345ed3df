package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The response the application sees: its body streams are the container's, with a copy taken as
 * they are written.
 */
public final class CapturingResponse extends HttpServletResponseWrapper {

  private final BodyBuffer body;
  private ServletOutputStream outputStream;
  private PrintWriter writer;
  private volatile boolean errorSent;

  /**
   * Wraps a response.
   *
   * @param response the container's response
   * @param body where the body written by the application is copied
   */
  public CapturingResponse(HttpServletResponse response, BodyBuffer body) {
    super(response);
    this.body = body;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    ServletOutputStream stream = super.getOutputStream();
    if (outputStream == null) {
      outputStream = new CapturingOutputStream(stream, body);
    }
    return outputStream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    PrintWriter containerWriter = super.getWriter();
    if (writer == null) {
      writer = new CapturingWriter(containerWriter, body, charset()).printWriter();
    }
    return writer;
  }

  // The container discards what was buffered; so does the copy, so the recorded body is the one
  // the client receives.

  @Override
  public void resetBuffer() {
    super.resetBuffer();
    body.reset();
  }

  @Override
  public void reset() {
    super.reset();
    body.reset();
    // After a reset the application may choose the other of writer and stream.
    outputStream = null;
    writer = null;
  }

  @Override
  public void sendError(int status, String message) throws IOException {
    super.sendError(status, message);
    markErrorSent();
  }

  @Override
  public void sendError(int status) throws IOException {
    super.sendError(status);
    markErrorSent();
  }

  /**
   * Whether the application sent an error, which the container answers with its error page.
   *
   * @return {@code true} after {@code sendError}
   */
  public boolean errorSent() {
    return errorSent;
  }

  private void markErrorSent() {
    errorSent = true;
    body.reset();
  }

  private Charset charset() {
    try {
      return Charset.forName(getCharacterEncoding());
    } catch (IllegalArgumentException e) {
      return StandardCharsets.ISO_8859_1;
    }
  }
}
