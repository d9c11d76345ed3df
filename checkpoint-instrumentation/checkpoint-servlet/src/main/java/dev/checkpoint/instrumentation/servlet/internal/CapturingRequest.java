package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.FormFields;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The request the application sees: its body streams are the container's, with a copy taken as they
 * are read. A form body the container parses itself, for {@code getParameter} or {@code getParts},
 * never passes those streams: the wrapper notes that the application asked for it and reads the
 * parsed fields instead ({@link #form()}); multipart files are summarised when the application
 * first gets the parts, since frameworks delete them once the request is handled. Asynchronous
 * processing is reported the moment it starts, so the recording ends when the async context
 * completes and not when the filter returns.
 */
public final class CapturingRequest extends HttpServletRequestWrapper {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(CapturingRequest.class.getName());

  private final BodyBuffer body;
  private final ServletResponse response;
  private final Consumer<AsyncContext> onAsyncStarted;
  private ServletInputStream inputStream;
  private BufferedReader reader;
  private volatile boolean parametersRead;
  private volatile FormFields parts;

  /**
   * Wraps a request.
   *
   * @param request the container's request
   * @param body where the body read by the application is copied; its limit bounds the form too
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
      reader =
          new BufferedReader(
              new CapturingReader(containerReader, body, charset(StandardCharsets.ISO_8859_1)));
    }
    return reader;
  }

  @Override
  public String getParameter(String name) {
    parametersRead = true;
    return super.getParameter(name);
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    parametersRead = true;
    return super.getParameterMap();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    parametersRead = true;
    return super.getParameterNames();
  }

  @Override
  public String[] getParameterValues(String name) {
    parametersRead = true;
    return super.getParameterValues(name);
  }

  @Override
  public Collection<Part> getParts() throws IOException, ServletException {
    Collection<Part> all = super.getParts();
    summariseParts(all);
    return all;
  }

  @Override
  public Part getPart(String name) throws IOException, ServletException {
    Part part = super.getPart(name);
    if (parts == null) {
      // The container parsed every part to find this one.
      summariseParts(super.getParts());
    }
    return part;
  }

  /**
   * The form fields the container parsed for the application, for a body that did not stream past
   * this wrapper.
   *
   * @return the fields, or {@code null} when the application asked for none or the body is no form
   */
  public FormFields form() {
    FormFields summarised = parts;
    if (summarised != null || !parametersRead) {
      return summarised;
    }
    String contentType = getContentType();
    try {
      if (ParsedForms.isUrlEncoded(contentType)) {
        return ParsedForms.fromParameters(super.getParameterMap(), getQueryString(), body.limit());
      }
      if (ParsedForms.isMultipart(contentType)) {
        return ParsedForms.fromParts(
            super.getParts(), body.limit(), charset(StandardCharsets.UTF_8));
      }
    } catch (IOException | ServletException | RuntimeException e) {
      LOG.failed("Reading the form fields of a servlet request", e);
    }
    return null;
  }

  private void summariseParts(Collection<Part> all) {
    if (parts != null) {
      return;
    }
    try {
      parts = ParsedForms.fromParts(all, body.limit(), charset(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      LOG.failed("Reading the parts of a multipart servlet request", e);
    }
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

  private Charset charset(Charset fallback) {
    String encoding = getCharacterEncoding();
    try {
      return encoding == null ? fallback : Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
