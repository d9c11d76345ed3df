package dev.checkpoint.agent.internal.adapters;

import dev.checkpoint.agent.internal.ServletHandling;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.servlet.CheckpointControlServlet;
import dev.checkpoint.instrumentation.servlet.CheckpointFilter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Runs a servlet's request through the servlet instrumentation's {@link CheckpointFilter}, as if
 * the application had mapped it in front of the servlet, and serves the control endpoint ({@value
 * CheckpointControlServlet#PATH}) with the library's {@link CheckpointControlServlet}, as if the
 * application had mounted it, when a control token is configured.
 */
public final class ServletAdapter implements ServletHandling {

  /** Marks a request the agent handles, so that the servlet's own call, inside, is not. */
  private static final String HANDLED = ServletAdapter.class.getName() + ".handled";

  /**
   * The library's filter marks the requests it records with this attribute; joined at run time
   * because the shade plugin would otherwise relocate it with the agent's copy of the filter.
   */
  private static final String RECORDED_BY_LIBRARY =
      String.join(
          ".", "dev", "checkpoint", "instrumentation", "servlet", "CheckpointFilter", "recorded");

  /** Where Spring MVC puts the route template, such as {@code /owners/{ownerId}}. */
  private static final String SPRING_MVC_ROUTE =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  private final Instrumenter recorder;
  private final CheckpointFilter filter;

  /** {@code null} while no control token is configured: the endpoint is then not served. */
  private final CheckpointControlServlet control;

  /**
   * Creates the adapter.
   *
   * @param recorder the agent's recorder
   */
  public ServletAdapter(Instrumenter recorder) {
    this.recorder = recorder;
    this.filter = CheckpointFilter.builder(recorder).routeResolver(ServletAdapter::route).build();
    this.control =
        recorder instanceof CheckpointRecorder checkpoints && checkpoints.control().isEnabled()
            ? CheckpointControlServlet.create(checkpoints.control())
            : null;
  }

  @Override
  public boolean serve(Object servlet, Object request, Object response) throws Exception {
    if (!(request instanceof HttpServletRequest httpRequest)
        || !(servlet instanceof Servlet target)
        || httpRequest.getAttribute(HANDLED) != null
        || httpRequest.getAttribute(RECORDED_BY_LIBRARY) != null) {
      return false;
    }
    if (control != null && isControlRequest(httpRequest)) {
      httpRequest.setAttribute(HANDLED, Boolean.TRUE);
      control.service(httpRequest, (ServletResponse) response);
      return true;
    }
    if (!recorder.isEnabled()) {
      return false;
    }
    httpRequest.setAttribute(HANDLED, Boolean.TRUE);
    filter.doFilter(httpRequest, (ServletResponse) response, target::service);
    return true;
  }

  private static boolean isControlRequest(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return uri != null && uri.equals(request.getContextPath() + CheckpointControlServlet.PATH);
  }

  private static String route(HttpServletRequest request) {
    Object route = request.getAttribute(CheckpointFilter.ROUTE_ATTRIBUTE);
    if (route == null) {
      route = request.getAttribute(SPRING_MVC_ROUTE);
    }
    return route instanceof String template ? template : null;
  }
}
