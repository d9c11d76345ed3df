package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.instrumentation.servlet.CheckpointFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

/** Finds the route template Spring MVC matched for a request, for the checkpoint's name. */
public final class SpringMvcRoutes {

  /** The catch-all pattern of static resources: naming by it would merge unrelated requests. */
  private static final String CATCH_ALL = "/**";

  private SpringMvcRoutes() {}

  /**
   * The route of a handled request: the {@link CheckpointFilter#ROUTE_ATTRIBUTE} when the
   * application set one, otherwise Spring MVC's best matching pattern under the context path.
   *
   * @param request the request, after the application handled it
   * @return the route, such as {@code /orders/{id}}, or {@code null} to name it by its path
   */
  public static String route(HttpServletRequest request) {
    if (request.getAttribute(CheckpointFilter.ROUTE_ATTRIBUTE) instanceof String route) {
      return route;
    }
    // A String in Spring MVC's annotated controllers, a PathPattern elsewhere; both print it.
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (pattern == null || CATCH_ALL.equals(pattern.toString())) {
      return null;
    }
    return request.getContextPath() + pattern;
  }
}
