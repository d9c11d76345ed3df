package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.core.propagation.W3cPropagation;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.HttpNames;
import dev.checkpoint.instrumentation.http.RecordedResponse;
import dev.checkpoint.instrumentation.spring.internal.RecordingClientHttpResponse;
import dev.checkpoint.instrumentation.spring.internal.ReplayedClientHttpResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Records each request sent through a {@code RestClient} or {@code RestTemplate} as an {@code
 * HTTP_CLIENT} checkpoint: the request as the application built it ({@code {method, url, headers,
 * body}}) and the response ({@code {status, headers, body}}), its body copied as the application
 * reads it. The W3C {@code traceparent} and {@code baggage} headers are added so that the called
 * service continues the tree. Errors are recorded and rethrown unchanged.
 *
 * <p>The starter adds it to every {@code RestClient.Builder} and {@code RestTemplateBuilder}; add
 * it by hand to clients built without them:
 *
 * <pre>{@code
 * RestTemplate template = new RestTemplate();
 * template.getInterceptors().add(CheckpointClientHttpRequestInterceptor.create(recorder));
 * }</pre>
 */
public final class CheckpointClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(CheckpointClientHttpRequestInterceptor.class.getName());

  private final Instrumenter recorder;

  private CheckpointClientHttpRequestInterceptor(Instrumenter recorder) {
    this.recorder = recorder;
  }

  /**
   * Creates the interceptor.
   *
   * @param recorder the recorder
   * @return the interceptor
   */
  public static CheckpointClientHttpRequestInterceptor create(Instrumenter recorder) {
    return new CheckpointClientHttpRequestInterceptor(Objects.requireNonNull(recorder, "recorder"));
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
    if (!recorder.isEnabled()) {
      return execution.execute(request, body);
    }
    HttpExchange exchange = start(request, body);
    if (exchange == null) {
      return execution.execute(request, body);
    }
    if (exchange.isReplaying()) {
      Optional<RecordedResponse> replayed = exchange.replayedResponse();
      if (replayed.isPresent()) {
        return RecordingClientHttpResponse.wrap(
            new ReplayedClientHttpResponse(replayed.get()), exchange);
      }
    }
    ClientHttpResponse response;
    try {
      response = execution.execute(request, body);
    } catch (IOException | RuntimeException | Error e) {
      exchange.fail(e);
      exchange.end();
      throw e;
    }
    return RecordingClientHttpResponse.wrap(response, exchange);
  }

  private HttpExchange start(HttpRequest request, byte[] body) {
    HttpExchange exchange = null;
    try {
      exchange =
          HttpExchange.start(
              recorder,
              Kind.HTTP_CLIENT,
              HttpNames.client(request.getMethod().name(), request.getURI()),
              Context.current());
      if (exchange == null) {
        return null;
      }
      HttpHeaders headers = request.getHeaders();
      Map<String, Object> head = new LinkedHashMap<>();
      head.put("method", request.getMethod().name());
      head.put("url", request.getURI().toString());
      head.put("headers", RecordingClientHttpResponse.headers(headers));
      BodyBuffer requestBody = exchange.newBody();
      requestBody.write(body, 0, body.length);
      exchange.request(head, headers.getFirst(HttpHeaders.CONTENT_TYPE), requestBody);
      // After the request was recorded: the recorded headers are the application's own.
      W3cPropagation.inject(exchange.context(), headers.getFirst("baggage"), headers::set);
      return exchange;
    } catch (RuntimeException e) {
      LOG.failed("Recording an outbound Spring HTTP request", e);
      if (exchange != null) {
        exchange.end();
      }
      return null;
    }
  }
}
