package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.CapturingInputStream;
import dev.checkpoint.instrumentation.http.HeaderMaps;
import dev.checkpoint.instrumentation.http.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A response whose body is copied into the exchange as the application reads it. The exchange ends
 * when the body has been read to its end, or the body or the response is closed, whichever comes
 * first.
 */
public final class RecordingClientHttpResponse implements ClientHttpResponse {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(RecordingClientHttpResponse.class.getName());

  private final ClientHttpResponse delegate;
  private final HttpExchange exchange;
  private final BodyBuffer body;
  private InputStream capturingBody;

  private RecordingClientHttpResponse(
      ClientHttpResponse delegate, HttpExchange exchange, BodyBuffer body) {
    this.delegate = delegate;
    this.exchange = exchange;
    this.body = body;
  }

  /**
   * Records the response's status and headers and wraps it to record its body.
   *
   * @param response the response the client received
   * @param exchange the call's exchange
   * @return the wrapped response, or {@code response} itself, with the exchange ended, when it
   *     cannot be recorded
   */
  public static ClientHttpResponse wrap(ClientHttpResponse response, HttpExchange exchange) {
    try {
      BodyBuffer body = exchange.newBody();
      Map<String, Object> head = new LinkedHashMap<>();
      head.put("status", response.getStatusCode().value());
      head.put("headers", headers(response.getHeaders()));
      exchange.response(head, response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), body);
      return new RecordingClientHttpResponse(response, exchange, body);
    } catch (IOException | RuntimeException e) {
      LOG.failed("Recording a Spring HTTP response", e);
      exchange.end();
      return response;
    }
  }

  /**
   * The recorded shape of Spring's headers.
   *
   * @param headers the headers
   * @return names lower-cased and sorted, repeated values joined
   */
  public static Map<String, String> headers(HttpHeaders headers) {
    Map<String, String> recorded = HeaderMaps.empty();
    headers.forEach(
        (String name, List<String> values) -> {
          for (String value : values) {
            HeaderMaps.add(recorded, name, value);
          }
        });
    return recorded;
  }

  @Override
  public HttpStatusCode getStatusCode() throws IOException {
    return delegate.getStatusCode();
  }

  @Override
  public String getStatusText() throws IOException {
    return delegate.getStatusText();
  }

  @Override
  public HttpHeaders getHeaders() {
    return delegate.getHeaders();
  }

  @Override
  public synchronized InputStream getBody() throws IOException {
    if (capturingBody == null) {
      capturingBody =
          new CapturingInputStream(delegate.getBody(), body, exchange::end, exchange::fail);
    }
    return capturingBody;
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      exchange.end();
    }
  }
}
