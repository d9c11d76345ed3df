package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.core.propagation.W3cPropagation;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.HttpNames;
import dev.checkpoint.instrumentation.servlet.CheckpointControlServlet;
import dev.checkpoint.instrumentation.spring.internal.ReactiveServerCall;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Records each request to a WebFlux application as an {@code HTTP_SERVER} checkpoint, with the same
 * input and output as the servlet filter: {@code {method, path, query, headers, body}} and {@code
 * {status, headers, body}}, bodies copied as they stream past, named by the matched route template
 * ({@code GET /orders/{id}}) or else the path. A request carrying W3C {@code traceparent}/{@code
 * baggage} joins the caller's tree. The request's checkpoint travels in the chain's Reactor
 * context, where {@link CheckpointExchangeFilterFunction} finds it on any thread, and is the
 * thread's current checkpoint while the handler is invoked, so {@code @Checkpoint} methods it calls
 * are its children.
 *
 * <p>A handler's exception is recorded as the error, with the status and body the exception
 * handlers answer it with (Spring Boot's error handler, a {@code ResponseStatusException}'s
 * status); they write after the filters, so the starter also decorates the server's handler ({@code
 * ExceptionHandlerResponses}) to see that answer and end the checkpoint after it. A filter added by
 * hand, without it, records the status they will answer with (a {@code ResponseStatusException}'s,
 * else 500) and no body. Requests to the control endpoint are not recorded. While the recording
 * mode is OFF the filter costs one volatile read per request.
 *
 * <p>The starter registers it in every reactive web application; elsewhere add it as a bean:
 *
 * <pre>{@code
 * @Bean
 * WebFilter checkpointWebFilter(CheckpointRecorder recorder) {
 *   return CheckpointWebFilter.create(recorder);
 * }
 * }</pre>
 */
public final class CheckpointWebFilter implements WebFilter, Ordered {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(CheckpointWebFilter.class.getName());

  private final Instrumenter recorder;

  private CheckpointWebFilter(Instrumenter recorder) {
    this.recorder = recorder;
  }

  /**
   * Creates the filter.
   *
   * @param recorder the recorder
   * @return the filter
   */
  public static CheckpointWebFilter create(Instrumenter recorder) {
    return new CheckpointWebFilter(Objects.requireNonNull(recorder, "recorder"));
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!recorder.isEnabled() || isControlRequest(exchange.getRequest())) {
      return chain.filter(exchange);
    }
    ReactiveServerCall call = start(exchange);
    return call == null ? chain.filter(exchange) : call.run(chain);
  }

  @Override
  public int getOrder() {
    // First, so that the request is seen as it arrived and the response as it leaves.
    return Ordered.HIGHEST_PRECEDENCE;
  }

  private static boolean isControlRequest(ServerHttpRequest request) {
    return CheckpointControlServlet.PATH.equals(request.getPath().pathWithinApplication().value());
  }

  private ReactiveServerCall start(ServerWebExchange exchange) {
    HttpExchange recording = null;
    try {
      ServerHttpRequest request = exchange.getRequest();
      HttpHeaders headers = request.getHeaders();
      Context parent =
          W3cPropagation.extract(headers.getFirst("traceparent"), headers.getFirst("baggage"))
              .orElseGet(Context::current);
      recording =
          HttpExchange.start(
              recorder,
              Kind.HTTP_SERVER,
              HttpNames.server(request.getMethod().name(), request.getURI().getRawPath()),
              parent);
      return recording == null ? null : new ReactiveServerCall(recording, exchange);
    } catch (RuntimeException e) {
      LOG.failed("Recording a WebFlux request", e);
      if (recording != null) {
        recording.end();
      }
      return null;
    }
  }
}
