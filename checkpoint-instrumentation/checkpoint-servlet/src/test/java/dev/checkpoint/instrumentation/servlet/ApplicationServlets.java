package dev.checkpoint.instrumentation.servlet;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** The application under test: servlets that read and write bodies in each way the API allows. */
final class ApplicationServlets {

  /** Bytes {@code /large} streams, in 1000-byte chunks. */
  static final int LARGE_SIZE = 100_000;

  private ApplicationServlets() {}

  static Map<String, Servlet> all(CheckpointRecorder recorder, ExecutorService async) {
    return Map.ofEntries(
        Map.entry("/echo", servlet((req, res) -> echo(recorder, req, res))),
        Map.entry("/text", servlet(ApplicationServlets::upperCase)),
        Map.entry("/items/*", servlet(ApplicationServlets::item)),
        Map.entry("/large", servlet(ApplicationServlets::large)),
        Map.entry("/reset", servlet(ApplicationServlets::resetThenAnswer)),
        Map.entry(
            "/fail",
            servlet(
                (req, res) -> {
                  res.getWriter().print("half an answer");
                  throw new IllegalStateException("boom");
                })),
        Map.entry(
            "/wrapped",
            servlet(
                (req, res) -> {
                  // How Spring MVC reports a handler's exception to the container.
                  throw new ServletException(
                      "Request processing failed",
                      new IllegalStateException(
                          "no stock", new IOException("warehouse unreachable")));
                })),
        Map.entry("/missing", servlet((req, res) -> res.sendError(404, "no such item"))),
        Map.entry("/async", servlet((req, res) -> startAsync(req, async))),
        Map.entry("/form", servlet(ApplicationServlets::countFields)),
        Map.entry("/upload", servlet(ApplicationServlets::upload)));
  }

  /** Reads a form through the container's parameters, as frameworks do. */
  private static void countFields(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain");
    response.getWriter().print(request.getParameterMap().size() + " fields");
  }

  /**
   * Reads a multipart form through the container's parts, then deletes the uploaded files as
   * frameworks do once the request is handled.
   */
  private static void upload(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    Collection<Part> parts = request.getParts();
    response.setContentType("text/plain");
    response.getWriter().print(parts.size() + " parts");
    for (Part part : parts) {
      part.delete();
    }
  }

  /** Reads the body with the input stream and writes it back with the output stream. */
  private static void echo(
      CheckpointRecorder recorder, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    try (ActiveCheckpoint inner = recorder.start(Kind.METHOD, "EchoService.echo", null)) {
      inner.setOutput(body.length);
    }
    response.setHeader("X-Reply", "echo");
    if (request.getContentType() != null) {
      response.setContentType(request.getContentType());
    }
    response.getOutputStream().write(body);
  }

  /** Reads with the reader, writes upper case with the writer. */
  private static void upperCase(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    StringBuilder text = new StringBuilder();
    BufferedReader reader = request.getReader();
    for (int c = reader.read(); c >= 0; c = reader.read()) {
      text.append((char) c);
    }
    response.setContentType("text/plain; charset=UTF-8");
    PrintWriter writer = response.getWriter();
    writer.print(text.toString().toUpperCase(Locale.ROOT));
    writer.println();
  }

  /** Names its route as a framework would. */
  private static void item(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.setAttribute(CheckpointFilter.ROUTE_ATTRIBUTE, "/items/{id}");
    response.setStatus(201);
    response.setContentType("application/json");
    response
        .getOutputStream()
        .write(
            ("{\"id\":\"" + request.getPathInfo().substring(1) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
  }

  /** Streams a body larger than any payload limit, flushing as it goes. */
  private static void large(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain");
    ServletOutputStream out = response.getOutputStream();
    byte[] chunk = new byte[1000];
    Arrays.fill(chunk, (byte) 'x');
    for (int i = 0; i < LARGE_SIZE / chunk.length; i++) {
      out.write(chunk);
      out.flush();
    }
  }

  /** Writes, discards what it wrote, and answers with the writer instead. */
  private static void resetThenAnswer(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.getOutputStream().write("discarded".getBytes(StandardCharsets.UTF_8));
    response.reset();
    response.setContentType("text/plain; charset=UTF-8");
    response.getWriter().print("final");
  }

  /** Answers from another thread after the request thread has returned. */
  private static void startAsync(HttpServletRequest request, ExecutorService executor) {
    AsyncContext async = request.startAsync();
    executor.execute(
        () -> {
          try {
            Thread.sleep(50);
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setContentType("application/json");
            response.getOutputStream().write("{\"async\":true}".getBytes(StandardCharsets.UTF_8));
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          } finally {
            async.complete();
          }
        });
  }

  private static Servlet servlet(Handler handler) {
    return new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response)
          throws IOException, ServletException {
        handler.handle(request, response);
      }
    };
  }

  @FunctionalInterface
  private interface Handler {
    void handle(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException;
  }
}
