package dev.checkpoint.agent.internal;

/**
 * Handles a servlet request as {@link dev.checkpoint.agent.internal.bootstrap.AgentHooks#serve}
 * says.
 */
public interface ServletHandling {

  /** For an application whose Servlet API the instrumentation could not be linked against. */
  ServletHandling NONE = (servlet, request, response) -> false;

  /**
   * Handles the request when it is recorded, or when it is a request to the control endpoint.
   *
   * @param servlet the servlet
   * @param request the request
   * @param response the response
   * @return whether the request was handled
   * @throws Exception what the servlet threw
   */
  boolean serve(Object servlet, Object request, Object response) throws Exception;
}
