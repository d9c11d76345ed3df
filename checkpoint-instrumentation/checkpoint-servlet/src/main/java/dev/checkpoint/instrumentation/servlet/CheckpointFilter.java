package dev.checkpoint.instrumentation.servlet;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.core.propagation.W3cPropagation;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.HttpNames;
import dev.checkpoint.instrumentation.servlet.internal.ServerCall;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Records each request as an {@code HTTP_SERVER} checkpoint named {@code METHOD /path} (the route
 * template instead of the path when one is known). The input is {@code {method, path, query,
 * headers, body}}, the output {@code {status, headers, body}}; bodies are copied as the application
 * reads and writes them, so it sees exactly the bytes it would see without this filter. A request
 * carrying W3C {@code traceparent}/{@code baggage} joins the caller's tree, and the request's
 * checkpoint is current while the application handles it, so its own checkpoints become children.
 *
 * <p>Map it to {@code /*} before other filters, with async support so async servlets behind it keep
 * working (their checkpoint ends when the async context completes):
 *
 * <pre>{@code
 * FilterHolder holder = new FilterHolder(CheckpointFilter.create(recorder));
 * holder.setAsyncSupported(true);
 * context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * <p>A request whose handling throws or sends an error is recorded when the filter chain returns,
 * with the status the container will send and the exception as the error. When the application has
 * an error page for every error (Spring Boot's), map the filter to ERROR dispatches too and build
 * it with {@link Builder#errorPages(boolean)}: such a request is then recorded with the error page
 * the container renders for it, status, headers and body, as the client received it.
 *
 * <p>A form body the container parses itself, for {@code getParameter*} or {@code getParts}, is
 * recorded as the fields the container parsed (see {@code FormFields} for the shape).
 *
 * <p>Requests to the control endpoint ({@value CheckpointControlServlet#PATH}) are not recorded.
 * While the recording mode is OFF the filter costs one volatile read per request.
 */
public final class CheckpointFilter implements Filter {

  /**
   * The request attribute the application or its framework may set to the matched route template,
   * such as {@code /orders/{id}}; read when the request ends.
   */
  public static final String ROUTE_ATTRIBUTE = "dev.checkpoint.http.route";

  private static final String RECORDED_ATTRIBUTE = CheckpointFilter.class.getName() + ".recorded";

  /** The request's {@link ServerCall} while it waits for the container's error page. */
  private static final String AWAITING_ERROR_PAGE_ATTRIBUTE =
      CheckpointFilter.class.getName() + ".awaitingErrorPage";

  private static final InstrumentationLog LOG =
      new InstrumentationLog(CheckpointFilter.class.getName());

  private final Instrumenter recorder;
  private final Function<HttpServletRequest, String> routeResolver;
  private final boolean errorPages;

  private CheckpointFilter(Builder builder) {
    this.recorder = builder.recorder;
    this.routeResolver = builder.routeResolver;
    this.errorPages = builder.errorPages;
  }

  /**
   * A filter with the default naming: the {@link #ROUTE_ATTRIBUTE} when set, the path otherwise.
   *
   * @param recorder the recorder
   * @return the filter
   */
  public static CheckpointFilter create(Instrumenter recorder) {
    return builder(recorder).build();
  }

  /**
   * Starts building a filter.
   *
   * @param recorder the recorder
   * @return the builder
   */
  public static Builder builder(Instrumenter recorder) {
    return new Builder(Objects.requireNonNull(recorder, "recorder"));
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (errorPages
        && req instanceof HttpServletRequest request
        && res instanceof HttpServletResponse response
        && request.getDispatcherType() == DispatcherType.ERROR
        && request.getAttribute(AWAITING_ERROR_PAGE_ATTRIBUTE) instanceof ServerCall failed) {
      // Whatever the mode is now: the request was recorded, its recording must end.
      request.removeAttribute(AWAITING_ERROR_PAGE_ATTRIBUTE);
      failed.errorPage(request, response, chain);
      return;
    }
    if (!recorder.isEnabled()
        || !(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)
        || request.getDispatcherType() != DispatcherType.REQUEST
        || request.getAttribute(RECORDED_ATTRIBUTE) != null
        || isControlRequest(request)) {
      chain.doFilter(req, res);
      return;
    }
    ServerCall call = start(request, response);
    if (call == null) {
      chain.doFilter(req, res);
      return;
    }
    try (Scope ignored = call.context().makeCurrent()) {
      chain.doFilter(call.request(), call.response());
    } catch (IOException | ServletException | RuntimeException | Error e) {
      call.failed(e);
      throw e;
    } finally {
      if (call.chainReturned(errorPages)) {
        request.setAttribute(AWAITING_ERROR_PAGE_ATTRIBUTE, call);
      }
    }
  }

  private ServerCall start(HttpServletRequest request, HttpServletResponse response) {
    try {
      // A second Checkpoint filter on the same request (registered twice) only passes it on.
      request.setAttribute(RECORDED_ATTRIBUTE, Boolean.TRUE);
      Context parent =
          W3cPropagation.extract(request.getHeader("traceparent"), request.getHeader("baggage"))
              .orElseGet(Context::current);
      HttpExchange exchange =
          HttpExchange.start(
              recorder,
              Kind.HTTP_SERVER,
              HttpNames.server(request.getMethod(), request.getRequestURI()),
              parent);
      return exchange == null ? null : new ServerCall(exchange, request, response, routeResolver);
    } catch (RuntimeException e) {
      LOG.failed("Recording a servlet request", e);
      return null;
    }
  }

  private static boolean isControlRequest(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return uri != null
        && uri.endsWith(CheckpointControlServlet.PATH)
        && uri.length()
            == request.getContextPath().length() + CheckpointControlServlet.PATH.length();
  }

  private static String routeAttribute(HttpServletRequest request) {
    return request.getAttribute(ROUTE_ATTRIBUTE) instanceof String route ? route : null;
  }

  /** Builds a {@link CheckpointFilter}. */
  public static final class Builder {
    private final Instrumenter recorder;
    private Function<HttpServletRequest, String> routeResolver = CheckpointFilter::routeAttribute;
    private boolean errorPages;

    private Builder(Instrumenter recorder) {
      this.recorder = recorder;
    }

    /**
     * Sets how the route template of a handled request is found, for frameworks that keep it
     * elsewhere than {@link #ROUTE_ATTRIBUTE}. Called when the request ends; a {@code null} result
     * keeps the path as the name.
     *
     * @param routeResolver gives the route template, such as {@code /orders/{id}}, or {@code null}
     * @return this builder
     */
    public Builder routeResolver(Function<HttpServletRequest, String> routeResolver) {
      this.routeResolver = Objects.requireNonNull(routeResolver, "routeResolver");
      return this;
    }

    /**
     * Waits, for a request whose handling throws or sends an error, for the error page the
     * container renders through an ERROR dispatch, and records that page as the response. Only for
     * a filter mapped to ERROR dispatches in an application with an error page for every error
     * (Spring Boot's {@code /error}), as the Spring Boot starter does: a request waits for its page
     * until the page has been written, so a page that never comes (a client gone before it could be
     * sent) leaves that request unrecorded.
     *
     * @param errorPages {@code true} to record error pages; off by default
     * @return this builder
     */
    public Builder errorPages(boolean errorPages) {
      this.errorPages = errorPages;
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return the filter
     */
    public CheckpointFilter build() {
      return new CheckpointFilter(this);
    }
  }
}
