package dev.checkpoint.instrumentation.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 and a random port, for instrumentation tests:
 *
 * <ul>
 *   <li>{@code /echo?status=N}: answers status N (default 200) with the request's body and content
 *       type, and the header {@code X-Reply: echo};
 *   <li>{@code /json}: answers {@code {"ok":true,"token":"server-secret"}};
 *   <li>{@code /slow}: answers after {@value #SLOW_MILLIS} ms.
 * </ul>
 *
 * Every request it received can be taken with {@link #takeRequest()}.
 */
public final class TestHttpServer implements AutoCloseable {

  /** How long {@code /slow} waits before answering. */
  public static final long SLOW_MILLIS = 3000;

  /**
   * A request as the server received it.
   *
   * @param method the method
   * @param path the path with the query
   * @param headers lower-case names to the first value
   * @param body the body
   */
  public record ReceivedRequest(
      String method, String path, Map<String, String> headers, byte[] body) {

    /**
     * A header's value.
     *
     * @param name the lower-case name
     * @return the value, or {@code null}
     */
    public String header(String name) {
      return headers.get(name);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final LinkedBlockingQueue<ReceivedRequest> received = new LinkedBlockingQueue<>();

  private TestHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts a server.
   *
   * @return the running server
   * @throws IOException when no port could be bound
   */
  public static TestHttpServer start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "test-http-server");
              thread.setDaemon(true);
              return thread;
            });
    TestHttpServer test = new TestHttpServer(server, executor);
    server.createContext("/", test::handle);
    server.setExecutor(executor);
    server.start();
    return test;
  }

  /**
   * The URI of a path on this server.
   *
   * @param pathAndQuery such as {@code /echo?status=404}
   * @return the absolute URI
   */
  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  /**
   * The port.
   *
   * @return the bound port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The oldest request not taken yet, waiting up to five seconds for one.
   *
   * @return the request
   * @throws InterruptedException when interrupted
   * @throws AssertionError when none came
   */
  public ReceivedRequest takeRequest() throws InterruptedException {
    ReceivedRequest request = received.poll(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("The test server received no request within 5 seconds.");
    }
    return request;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      URI uri = exchange.getRequestURI();
      received.add(new ReceivedRequest(exchange.getRequestMethod(), uri.toString(), headers, body));
      switch (uri.getPath()) {
        case "/echo" -> echo(exchange, uri, headers.get("content-type"), body);
        case "/json" ->
            send(
                exchange,
                200,
                "application/json",
                "{\"ok\":true,\"token\":\"server-secret\"}".getBytes(StandardCharsets.UTF_8));
        case "/slow" -> {
          sleepQuietly();
          send(exchange, 200, "text/plain", "late".getBytes(StandardCharsets.UTF_8));
        }
        default ->
            send(exchange, 404, "text/plain", "no such path".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void echo(HttpExchange exchange, URI uri, String contentType, byte[] body)
      throws IOException {
    int status = 200;
    String query = uri.getQuery();
    if (query != null && query.startsWith("status=")) {
      status = Integer.parseInt(query.substring("status=".length()));
    }
    exchange.getResponseHeaders().add("X-Reply", "echo");
    send(exchange, status, contentType, body);
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().add("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(SLOW_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server and interrupts requests still being answered. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
