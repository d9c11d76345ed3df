package dev.checkpoint.demo.internal;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty on 127.0.0.1 with the Checkpoint servlet filter (unless the instrumentation is
 * none) in front of a {@link Router}.
 */
public final class WebServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  private WebServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Starts the server; {@code GET /health} is added to the routes.
   *
   * @param port the port, 0 for a free one
   * @param instrumentation the service's instrumentation
   * @param router the service's routes
   * @return the running server
   * @throws Exception when Jetty cannot start, such as when the port is taken
   */
  public static WebServer start(int port, Instrumentation instrumentation, Router router)
      throws Exception {
    router.route(
        "GET", "/health", request -> Reply.ok(Json.MAPPER.createObjectNode().put("status", "UP")));
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    // Router writes the Date header through Checkpoint's clock, so that replay gives it back.
    http.setSendDateHeader(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    instrumentation
        .servletFilter()
        .ifPresent(
            checkpoints -> {
              FilterHolder filter = new FilterHolder(checkpoints);
              filter.setAsyncSupported(true);
              context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            });
    context.addServlet(new ServletHolder(router), "/");
    server.setHandler(context);
    server.setStopTimeout(2_000);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new WebServer(server, connector);
  }

  /**
   * The base URL.
   *
   * @return such as {@code http://127.0.0.1:17081}
   */
  public String url() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
