package dev.checkpoint.junit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A stub HTTP server on 127.0.0.1 and a free port that answers requests with the recorded {@code
 * HTTP_CLIENT} checkpoints of a ledger: their status, headers and body. A request no recorded call
 * matches gets status 599 with the explanation as a text body; a recorded call that failed without
 * a response (a connection error, a timeout) closes the connection without answering.
 */
final class HttpStub implements AutoCloseable {

  /** The status of an unmatched request: outside the standard range, so no client mistakes it. */
  static final int UNMATCHED = 599;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Charset UTF = StandardCharsets.UTF_8;
  private static final Set<String> NOT_REPLAYED =
      Set.of("content-length", "transfer-encoding", "connection", "date", "content-encoding");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Supplier<ReplayLedger> ledgers;

  private HttpStub(HttpServer server, ExecutorService executor, Supplier<ReplayLedger> ledgers) {
    this.server = server;
    this.executor = executor;
    this.ledgers = ledgers;
  }

  static HttpStub start(Supplier<ReplayLedger> ledgers) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newCachedThreadPool(
              task -> {
                Thread thread = new Thread(task, "checkpoint-replay-http");
                thread.setDaemon(true);
                return thread;
              });
      HttpStub stub = new HttpStub(server, executor, ledgers);
      server.createContext("/", stub::handle);
      server.setExecutor(executor);
      server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the replay HTTP server on 127.0.0.1", e);
    }
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    ReplayLedger ledger = ledgers.get();
    try {
      byte[] requestBody = exchange.getRequestBody().readAllBytes();
      URI uri = exchange.getRequestURI();
      JsonNode view =
          ReplayViews.http(
              ledger,
              exchange.getRequestMethod(),
              uri.getRawPath(),
              uri.getRawQuery(),
              body(requestBody, exchange.getRequestHeaders().getFirst("Content-Type")));
      Optional<ReplayLedger.Entry> match = ledger.take(ReplayViews.Protocol.HTTP, view);
      if (match.isEmpty()) {
        byte[] message = ledger.lastFailure().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(UNMATCHED, message.length);
        exchange.getResponseBody().write(message);
        return;
      }
      JsonNode output = match.get().checkpoint().output();
      if (!output.isObject()) {
        // The recorded call failed without a response: close without answering.
        return;
      }
      respond(exchange, output);
    } finally {
      exchange.close();
    }
  }

  private static void respond(HttpExchange exchange, JsonNode output) throws IOException {
    int status = output.path("status").asInt(200);
    String contentType = null;
    for (Map.Entry<String, JsonNode> header : output.path("headers").properties()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      String value = header.getValue().asText();
      if (NOT_REPLAYED.contains(name) || value.equals("[REDACTED]")) {
        continue;
      }
      if (name.equals("content-type")) {
        contentType = value;
      }
      exchange.getResponseHeaders().add(header.getKey(), value);
    }
    byte[] body = bytes(output.path("body"));
    if (body != null && contentType == null) {
      exchange
          .getResponseHeaders()
          .set(
              "Content-Type",
              output.path("body").isContainerNode()
                  ? "application/json"
                  : "text/plain; charset=utf-8");
    }
    boolean noBody = body == null || status == 204 || status == 304 || status < 200;
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /* The body as recorded: JSON, text, {"base64": ...}; null or missing is no body. */
  private static byte[] bytes(JsonNode body) throws JsonProcessingException {
    if (body.isMissingNode() || body.isNull()) {
      return null;
    }
    if (body.isTextual()) {
      return body.textValue().getBytes(StandardCharsets.UTF_8);
    }
    if (body.isObject() && body.path("base64").isTextual() && body.size() <= 2) {
      return Base64.getDecoder().decode(body.path("base64").textValue());
    }
    return MAPPER.writeValueAsBytes(body);
  }

  /* The request body as the HTTP instrumentation records it. */
  static JsonNode body(byte[] bytes, String contentType) {
    if (bytes.length == 0) {
      return null;
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String text = utf8(bytes);
    if (type.contains("json") && text != null) {
      try {
        return MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        return JsonNodeFactory.instance.textNode(text);
      }
    }
    if (type.startsWith("application/x-www-form-urlencoded") && text != null) {
      ObjectNode fields = JsonNodeFactory.instance.objectNode();
      for (String pair : text.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF);
        JsonNode previous = fields.get(name);
        fields.put(name, previous == null ? value : previous.asText() + "," + value);
      }
      return fields;
    }
    if (text != null) {
      return JsonNodeFactory.instance.textNode(text);
    }
    ObjectNode binary = JsonNodeFactory.instance.objectNode();
    binary.put("base64", Base64.getEncoder().encodeToString(bytes));
    binary.put("size", bytes.length);
    return binary;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
