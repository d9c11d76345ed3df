package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.core.propagation.W3cPropagation;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.HttpNames;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** What the three clients do alike: start the exchange, shape request and response, propagate. */
final class ClientCalls {

  static final InstrumentationLog LOG = new InstrumentationLog(ClientCalls.class.getName());

  private ClientCalls() {}

  /**
   * Starts recording an outbound call as a child of the current checkpoint.
   *
   * @return the exchange, or {@code null} when the call is not recorded
   */
  static HttpExchange start(Instrumenter recorder, String method, URI uri) {
    try {
      return HttpExchange.start(
          recorder, Kind.HTTP_CLIENT, HttpNames.client(method, uri), Context.current());
    } catch (RuntimeException e) {
      LOG.failed("Recording an HTTP client call", e);
      return null;
    }
  }

  /** Records the request as the application built it, before the propagation headers are added. */
  static void request(
      HttpExchange exchange,
      String method,
      URI uri,
      Map<String, String> headers,
      String contentType,
      BodyBuffer body) {
    if (contentType != null) {
      // Some clients keep the content type on the body until the request is sent.
      headers.putIfAbsent("content-type", contentType);
    }
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("method", method);
    head.put("url", uri.toString());
    head.put("headers", headers);
    exchange.request(head, contentType, body);
  }

  static void response(
      HttpExchange exchange,
      int status,
      Map<String, String> headers,
      String contentType,
      BodyBuffer body) {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("status", status);
    head.put("headers", headers);
    exchange.response(head, contentType, body);
  }

  /**
   * Writes {@code traceparent} and {@code baggage}, keeping the application's own baggage members.
   */
  static void inject(
      HttpExchange exchange, String existingBaggage, BiConsumer<String, String> setter) {
    W3cPropagation.inject(exchange.context(), existingBaggage, setter);
  }

  /** Records a failure of the call and ends it. */
  static void failed(HttpExchange exchange, Throwable error) {
    exchange.fail(error);
    exchange.end();
  }
}
