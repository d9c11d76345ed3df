package dev.checkpoint.demo.internal;

import dev.checkpoint.CheckpointClock;
import dev.checkpoint.instrumentation.servlet.CheckpointFilter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One servlet for all of a service's routes ({@code GET /orders/{id}}): matches the path, tells the
 * Checkpoint filter the route template (so checkpoints are named {@code GET /orders/{id}}, not by
 * each id), and writes the handler's {@link Reply} as JSON.
 */
public final class Router implements Servlet {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z]+)}");

  /** Handles one route. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Handles a request.
     *
     * @param request the request
     * @return the answer
     * @throws Exception answered with 500
     */
    Reply handle(Request request) throws Exception;
  }

  private record Route(
      String method, String template, Pattern pattern, List<String> names, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();
  private ServletConfig config;

  /**
   * Adds a route.
   *
   * @param method the HTTP method
   * @param template the path, with {@code {name}} for a path parameter
   * @param handler what answers it
   * @return this router
   */
  public Router route(String method, String template, Handler handler) {
    Matcher matcher = PARAMETER.matcher(template);
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      regex.append(Pattern.quote(template.substring(last, matcher.start()))).append("([^/]+)");
      names.add(matcher.group(1));
      last = matcher.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    routes.add(new Route(method, template, Pattern.compile(regex.toString()), names, handler));
    return this;
  }

  @Override
  public void service(ServletRequest req, ServletResponse res) throws IOException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    Reply reply;
    try {
      reply = dispatch(request);
    } catch (BadRequestException e) {
      reply = Reply.error(400, "bad_request", e.getMessage());
    } catch (Exception e) {
      reply = Reply.error(500, "internal_error", e.toString());
    }
    byte[] body = Json.bytes(reply.body());
    response.setStatus(reply.status());
    // The server's own Date header is off (WebServer): read through Checkpoint's clock, the date
    // is recorded with the tree and given back when it is replayed.
    response.setHeader("Date", HTTP_DATE.format(ZonedDateTime.now(CheckpointClock.systemUtc())));
    response.setContentType("application/json");
    response.setContentLength(body.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }

  private Reply dispatch(HttpServletRequest request) throws Exception {
    String path = request.getRequestURI();
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher matcher = route.pattern().matcher(path);
      if (!matcher.matches()) {
        continue;
      }
      pathKnown = true;
      if (!route.method().equals(request.getMethod())) {
        continue;
      }
      request.setAttribute(CheckpointFilter.ROUTE_ATTRIBUTE, route.template());
      Map<String, String> parameters = new HashMap<>();
      for (int i = 0; i < route.names().size(); i++) {
        parameters.put(route.names().get(i), matcher.group(i + 1));
      }
      return route.handler().handle(new Request(request, parameters));
    }
    return pathKnown
        ? Reply.error(405, "method_not_allowed", request.getMethod() + " is not allowed on " + path)
        : Reply.error(404, "not_found", "No route for " + request.getMethod() + " " + path);
  }

  @Override
  public void init(ServletConfig config) {
    this.config = config;
  }

  @Override
  public ServletConfig getServletConfig() {
    return config;
  }

  @Override
  public String getServletInfo() {
    return "checkpoint-demo router";
  }

  @Override
  public void destroy() {}
}
