package dev.checkpoint.junit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.assets.replay.ReplayViews;
import dev.checkpoint.core.LiveRedaction;
import java.io.IOException;
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
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A stub HTTP server (Jetty) on 127.0.0.1 and a free port that answers requests with the recorded
 * {@code HTTP_CLIENT} checkpoints of a ledger: their status, headers and body. A request no
 * recorded call matches gets status 599 with the explanation as a text body; a recorded call that
 * failed without a response (a connection error, a timeout) closes the connection without
 * answering. Jetty rather than the JDK's server: the JDK's writes headers and body apart without
 * {@code TCP_NODELAY}, which costs every call about 40 ms of delayed acknowledgement.
 */
final class HttpStub implements AutoCloseable {

  /** The status of an unmatched request: outside the standard range, so no client mistakes it. */
  static final int UNMATCHED = 599;

  // Numbers as written: a double would round decimals and turn 1e400 into "Infinity".
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  private static final Charset UTF = StandardCharsets.UTF_8;
  private static final Set<String> NOT_REPLAYED =
      Set.of("content-length", "transfer-encoding", "connection", "date", "content-encoding");

  private final Server server;
  private final ServerConnector connector;
  private final Supplier<ReplayLedger> ledgers;

  private HttpStub(Supplier<ReplayLedger> ledgers) {
    this.ledgers = ledgers;
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("checkpoint-replay-http");
    threads.setDaemon(true);
    server = new Server(threads);
    server.setStopTimeout(0);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(false);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            HttpStub.this.handle(request, response, callback);
            return true;
          }
        });
  }

  static HttpStub start(Supplier<ReplayLedger> ledgers) {
    HttpStub stub = new HttpStub(ledgers);
    try {
      stub.server.start();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the replay HTTP server on 127.0.0.1", e);
    }
    return stub;
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  private void handle(Request request, Response response, Callback callback) throws IOException {
    ReplayLedger ledger = ledgers.get();
    byte[] requestBody = Content.Source.asInputStream(request).readAllBytes();
    HttpURI uri = request.getHttpURI();
    ObjectNode input =
        ReplayViews.http(
            request.getMethod(),
            uri.getPath(),
            uri.getQuery(),
            body(requestBody, request.getHeaders().get(HttpHeader.CONTENT_TYPE)));
    Optional<ReplayLedger.Entry> match =
        ledger.take(ReplayViews.Protocol.HTTP, LiveRedaction.redact(input.deepCopy()));
    if (match.isEmpty()) {
      response.setStatus(UNMATCHED);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
      response.write(true, ByteBuffer.wrap(ledger.lastFailure().getBytes(UTF)), callback);
      return;
    }
    JsonNode output = match.get().checkpoint().output();
    if (!output.isObject()) {
      // The recorded call failed without a response: close without answering.
      request.getConnectionMetaData().getConnection().getEndPoint().close();
      callback.failed(new IOException("The recorded call failed without a response"));
      return;
    }
    respond(response, output, callback);
  }

  private static void respond(Response response, JsonNode output, Callback callback)
      throws JsonProcessingException {
    int status = output.path("status").asInt(200);
    response.setStatus(status);
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
      response.getHeaders().add(header.getKey(), value);
    }
    byte[] body = bytes(output.path("body"));
    boolean noBody = body == null || status == 204 || status == 304 || status < 200;
    if (noBody) {
      callback.succeeded();
      return;
    }
    if (contentType == null) {
      response
          .getHeaders()
          .put(
              HttpHeader.CONTENT_TYPE,
              output.path("body").isContainerNode()
                  ? "application/json"
                  : "text/plain; charset=utf-8");
    }
    response.write(true, ByteBuffer.wrap(body), callback);
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
        if (previous == null) {
          fields.put(name, value);
        } else if (previous.isArray()) {
          ((ArrayNode) previous).add(value);
        } else {
          // A repeated field is recorded as the array of its values.
          fields.putArray(name).add(previous).add(value);
        }
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
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the replay HTTP server", e);
    }
  }
}
