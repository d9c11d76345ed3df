package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The request the application sees: its body streams are the container's, with a copy taken as they
 * are read. Asynchronous processing is reported the moment it starts, so the recording ends when
 * the async context completes and not when the filter returns.
 */
public final class CapturingRequest extends HttpServletRequestWrapper {

  private final BodyBuffer body;
  private final ServletResponse response;
  private final Consumer<AsyncContext> onAsyncStarted;
  private ServletInputStream inputStream;
  private BufferedReader reader;

  /**
   * Wraps a request.
   *
   * @param request the container's request
   * @param body where the body read by the application is copied
   * @param response the response handed to the application with this request
   * @param onAsyncStarted called with the async context whenever the application starts async
   *     processing through this request
   */
  public CapturingRequest(
      HttpServletRequest request,
      BodyBuffer body,
      ServletResponse response,
      Consumer<AsyncContext> onAsyncStarted) {
    super(request);
    this.body = body;
    this.response = response;
    this.onAsyncStarted = onAsyncStarted;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    ServletInputStream stream = super.getInputStream();
    if (inputStream == null) {
      inputStream = new CapturingInputStream(stream, body);
    }
    return inputStream;
  }

  @Override
  public BufferedReader getReader() throws IOException {
    BufferedReader containerReader = super.getReader();
    if (reader == null) {
      reader = new BufferedReader(new CapturingReader(containerReader, body, charset()));
    }
    return reader;
  }

  @Override
  public AsyncContext startAsync() {
    // The container would hand the async work its own response, past the capturing one.
    AsyncContext async = super.startAsync(this, response);
    onAsyncStarted.accept(async);
    return async;
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    AsyncContext async = super.startAsync(request, response);
    onAsyncStarted.accept(async);
    return async;
  }

  private Charset charset() {
    String encoding = getCharacterEncoding();
    try {
      return encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
