package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.core.Context;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.FormFields;
import dev.checkpoint.instrumentation.http.HeaderMaps;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.HttpNames;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One request being recorded by the filter: wraps the request and response, and ends the exchange
 * when the response is complete, which for async requests is when the async context completes.
 */
public final class ServerCall {

  private static final InstrumentationLog LOG = new InstrumentationLog(ServerCall.class.getName());

  private final HttpExchange exchange;
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final CapturingRequest wrappedRequest;
  private final CapturingResponse wrappedResponse;
  private final BodyBuffer responseBody;
  private final Function<HttpServletRequest, String> routeResolver;
  private final AtomicBoolean async = new AtomicBoolean();
  private volatile Throwable error;

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
   * Records what the application threw.
   *
   * @param thrown the exception, rethrown unchanged by the caller
   */
  public void failed(Throwable thrown) {
    error = thrown;
    exchange.fail(thrown);
  }

  /** Called when the filter chain returned: ends the recording unless the request went async. */
  public void chainReturned() {
    try {
      if (!async.get() && request.isAsyncStarted()) {
        // Async started on the container's request, past our wrapper.
        asyncStarted(request.getAsyncContext());
      }
    } catch (RuntimeException e) {
      LOG.failed("Following an async servlet request", e);
    }
    if (!async.get()) {
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
    try {
      String route = routeResolver.apply(request);
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
    for (String name : Collections.list(request.getHeaderNames())) {
      for (String value : Collections.list(request.getHeaders(name))) {
        HeaderMaps.add(headers, name, value);
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
