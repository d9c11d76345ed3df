package dev.checkpoint.instrumentation.servlet;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Context;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** An embedded Jetty 12 on 127.0.0.1 and a random port, with the filter and control servlet. */
final class JettyServer implements AutoCloseable {

  private static final String ERROR_PATH = "/error";

  private final Server server;
  private final ServerConnector connector;

  private JettyServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  static JettyServer start(
      Filter filter, CheckpointRecorder recorder, Map<String, Servlet> servlets) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    FilterHolder probe = new FilterHolder(new ContextProbe());
    probe.setAsyncSupported(true);
    context.addFilter(probe, "/*", EnumSet.of(DispatcherType.REQUEST));
    FilterHolder filterHolder = new FilterHolder(filter);
    filterHolder.setAsyncSupported(true);
    context.addFilter(filterHolder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
    // As Spring Boot does: one error page for every failure, rendered by a servlet.
    ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
    errorPages.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, ERROR_PATH);
    context.setErrorHandler(errorPages);
    context.addServlet(new ServletHolder(new ErrorPage()), ERROR_PATH);
    servlets.forEach(
        (path, servlet) -> {
          ServletHolder holder = new ServletHolder(servlet);
          holder.setAsyncSupported(true);
          holder.getRegistration().setMultipartConfig(new MultipartConfigElement(""));
          context.addServlet(holder, path);
        });
    context.addServlet(
        new ServletHolder(CheckpointControlServlet.create(recorder.control())),
        CheckpointControlServlet.PATH);
    server.setHandler(context);
    server.start();
    return new JettyServer(server, connector);
  }

  /**
   * The context current on the request thread right after the last request left the Checkpoint
   * filter: it must be the one before it, none.
   */
  static Context contextAfterLastRequest() {
    return ContextProbe.after;
  }

  /** Runs around the Checkpoint filter and notes what it leaves behind on the thread. */
  private static final class ContextProbe implements Filter {
    static volatile Context after;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      try {
        chain.doFilter(request, response);
      } finally {
        after = Context.current();
      }
    }
  }

  /** Renders an error as JSON, from the attributes the container sets for an ERROR dispatch. */
  private static final class ErrorPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
      response.setContentType("application/json");
      response.setHeader("X-Error-Page", "yes");
      response
          .getWriter()
          .print(
              "{\"status\":"
                  + request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                  + ",\"failure\":\""
                  + (failure == null ? "" : failure.getClass().getSimpleName())
                  + "\"}");
    }
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + pathAndQuery);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
