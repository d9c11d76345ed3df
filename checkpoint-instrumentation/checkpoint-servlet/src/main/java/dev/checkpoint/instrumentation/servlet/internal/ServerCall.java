package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.core.Context;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.FormFields;
import dev.checkpoint.instrumentation.http.HeaderMaps;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.HttpNames;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One request being recorded by the filter: wraps the request and response, and ends the exchange
 * when the response is complete: when the filter chain returns; for async requests when the async
 * context completes; and for a request that failed or sent an error, when the container's error
 * page has been written (an ERROR dispatch), so that what is recorded is what the client got.
 */
public final class ServerCall {

  private static final InstrumentationLog LOG = new InstrumentationLog(ServerCall.class.getName());

  private final HttpExchange exchange;
  private final HttpServletRequest request;
  private volatile HttpServletResponse response;
  private final CapturingRequest wrappedRequest;
  private final CapturingResponse wrappedResponse;
  private final BodyBuffer responseBody;
  private final Function<HttpServletRequest, String> routeResolver;
  private final AtomicBoolean async = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Throwable error;
  private volatile String route;

  /**
   * Prepares the recording of a request.
   *
   * @param exchange the started exchange
   * @param request the container's request
   * @param response the container's response
   * @param routeResolver gives the route template once the application handled the request, or
   *     {@code null}
   */
  public ServerCall(
      HttpExchange exchange,
      HttpServletRequest request,
      HttpServletResponse response,
      Function<HttpServletRequest, String> routeResolver) {
    this.exchange = exchange;
    this.request = request;
    this.response = response;
    this.routeResolver = routeResolver;
    BodyBuffer requestBody = exchange.newBody();
    this.responseBody = exchange.newBody();
    this.wrappedResponse = new CapturingResponse(response, responseBody);
    this.wrappedRequest =
        new CapturingRequest(request, requestBody, wrappedResponse, this::asyncStarted);
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("method", request.getMethod());
    head.put("path", request.getRequestURI());
    head.put("query", request.getQueryString());
    head.put("headers", requestHeaders(request));
    exchange.request(head, request.getContentType(), requestBody);
  }

  /**
   * The context the application handles the request in.
   *
   * @return the context of the request's checkpoint
   */
  public Context context() {
    return exchange.context();
  }

  /**
   * The request to hand to the application.
   *
   * @return the wrapped request
   */
  public CapturingRequest request() {
    return wrappedRequest;
  }

  /**
   * The response to hand to the application.
   *
   * @return the wrapped response
   */
  public CapturingResponse response() {
    return wrappedResponse;
  }

  /**
   * Records what the application threw. A plain {@link ServletException} with a cause is the
   * wrapper a framework puts around the application's exception (Spring MVC's "Request processing
   * failed"): the exception inside is recorded, with its own causes.
   *
   * @param thrown the exception, rethrown unchanged by the caller
   */
  public void failed(Throwable thrown) {
    Throwable cause = thrown;
    while (cause.getClass() == ServletException.class
        && cause.getCause() != null
        && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    error = cause;
    exchange.fail(cause);
  }

  /**
   * Called when the filter chain returned: ends the recording unless the request went async, or
   * unless the container is about to render an error page and the caller will hand its dispatch to
   * {@link #errorPage}.
   *
   * @param errorPageFollows whether a failure or a sent error is answered with an error page
   *     through an ERROR dispatch this call will see
   * @return {@code true} when the recording waits for the error page
   */
  public boolean chainReturned(boolean errorPageFollows) {
    try {
      // Resolved now: an error dispatch handled by the same framework would overwrite it.
      route = routeResolver.apply(request);
      if (!async.get() && request.isAsyncStarted()) {
        // Async started on the container's request, past our wrapper.
        asyncStarted(request.getAsyncContext());
      }
    } catch (RuntimeException e) {
      LOG.failed("Following a servlet request", e);
    }
    if (async.get()) {
      return false;
    }
    // A sent error is answered with a page (the response counts as committed once it was sent);
    // an exception only while the response is not committed.
    boolean failedUncommitted = error != null && !response.isCommitted();
    if (errorPageFollows && (wrappedResponse.errorSent() || failedUncommitted)) {
      return true;
    }
    if (failedUncommitted) {
      // The container discards what the application wrote before it failed.
      responseBody.reset();
    }
    end();
    return false;
  }

  /**
   * Runs the ERROR dispatch that renders the error page of this request, recording the page as the
   * response, then ends the recording.
   *
   * @param errorRequest the request of the ERROR dispatch
   * @param errorResponse the response of the ERROR dispatch
   * @param chain the rest of the filter chain
   * @throws IOException what the chain throws
   * @throws ServletException what the chain throws
   */
  public void errorPage(
      HttpServletRequest errorRequest, HttpServletResponse errorResponse, FilterChain chain)
      throws IOException, ServletException {
    response = errorResponse;
    // The container discarded what was written before the failure; the page replaces it.
    responseBody.reset();
    if (error == null
        && errorRequest.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable sent) {
      failed(sent);
    }
    try (Scope ignored = context().makeCurrent()) {
      chain.doFilter(errorRequest, new CapturingResponse(errorResponse, responseBody));
    } finally {
      end();
    }
  }

  private void asyncStarted(AsyncContext context) {
    if (async.compareAndSet(false, true)) {
      try {
        context.addListener(new EndOnComplete());
      } catch (RuntimeException e) {
        // Without the listener the recording ends, early, when the filter returns.
        async.set(false);
        LOG.failed("Following an async servlet request", e);
      }
    }
  }

  private void end() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      if (route != null) {
        exchange.rename(HttpNames.server(request.getMethod(), route));
        exchange.attribute("http.route", route);
      }
      Map<String, Object> head = new LinkedHashMap<>();
      // The container answers an exception that escaped the application with a 500.
      head.put("status", error != null && !response.isCommitted() ? 500 : response.getStatus());
      Map<String, String> headers = HeaderMaps.empty();
      for (String name : response.getHeaderNames()) {
        for (String value : response.getHeaders(name)) {
          HeaderMaps.add(headers, name, value);
        }
      }
      head.put("headers", headers);
      exchange.response(head, response.getContentType(), responseBody);
      FormFields form = wrappedRequest.form();
      if (form != null && !form.isEmpty()) {
        exchange.requestForm(form, request.getContentLengthLong());
      }
    } catch (RuntimeException e) {
      LOG.failed("Recording a servlet response", e);
    } finally {
      exchange.end();
    }
  }

  private static Map<String, String> requestHeaders(HttpServletRequest request) {
    Map<String, String> headers = HeaderMaps.empty();
    // Walked as enumerations: a list copy per header was allocation on every recorded request.
    Enumeration<String> names = request.getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      Enumeration<String> values = request.getHeaders(name);
      while (values.hasMoreElements()) {
        HeaderMaps.add(headers, name, values.nextElement());
      }
    }
    return headers;
  }

  private final class EndOnComplete implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {
      end();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      if (event.getThrowable() != null) {
        failed(event.getThrowable());
      }
    }

    @Override
    public void onError(AsyncEvent event) {
      if (event.getThrowable() != null) {
        failed(event.getThrowable());
      }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // A new async cycle keeps this listener only if it is added again.
      event.getAsyncContext().addListener(this);
    }
  }
}
