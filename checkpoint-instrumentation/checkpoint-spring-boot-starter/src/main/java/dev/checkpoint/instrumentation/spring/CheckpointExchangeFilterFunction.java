package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.core.propagation.W3cPropagation;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.HttpNames;
import dev.checkpoint.instrumentation.spring.internal.ReactiveBodies;
import dev.checkpoint.instrumentation.spring.internal.ReactorContexts;
import dev.checkpoint.instrumentation.spring.internal.RecordingClientHttpResponse;
import dev.checkpoint.instrumentation.spring.internal.ReplayedExchanges;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Records each request sent through a {@code WebClient} as an {@code HTTP_CLIENT} checkpoint, with
 * the same input and output as {@link CheckpointClientHttpRequestInterceptor}: bodies are copied as
 * they stream past, and the checkpoint ends when the application has consumed (or released) the
 * response body. The parent is the checkpoint the reactive chain carries (a WebFlux request's, from
 * {@link CheckpointWebFilter}), else the one current on the thread that subscribes, which for
 * {@code block()} in a servlet application is the request's thread.
 *
 * <p>In REPLAY mode a call of a replayed entry request is answered from its recording without
 * reaching the server, like the other HTTP clients; a recorded failure, or a call that matches no
 * recorded one, fails with a {@code WebClientRequestException}.
 *
 * <p>The starter adds it to every {@code WebClient.Builder} from Spring Boot, and the Java agent
 * (checkpoint-agent) to every builder when it is built; add it by hand to others:
 *
 * <pre>{@code
 * WebClient client = WebClient.builder()
 *     .filter(CheckpointExchangeFilterFunction.create(recorder))
 *     .build();
 * }</pre>
 */
public final class CheckpointExchangeFilterFunction implements ExchangeFilterFunction {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(CheckpointExchangeFilterFunction.class.getName());

  private final Instrumenter recorder;

  private CheckpointExchangeFilterFunction(Instrumenter recorder) {
    this.recorder = recorder;
  }

  /**
   * Creates the filter function.
   *
   * @param recorder the recorder
   * @return the filter function
   */
  public static CheckpointExchangeFilterFunction create(Instrumenter recorder) {
    return new CheckpointExchangeFilterFunction(Objects.requireNonNull(recorder, "recorder"));
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    if (!recorder.isEnabled()) {
      return next.exchange(request);
    }
    return Mono.deferContextual(view -> exchange(request, next, ReactorContexts.parent(view)));
  }

  private Mono<ClientResponse> exchange(
      ClientRequest request, ExchangeFunction next, Context parent) {
    HttpExchange exchange = null;
    ClientRequest recorded;
    try {
      exchange =
          HttpExchange.start(
              recorder,
              Kind.HTTP_CLIENT,
              HttpNames.client(request.method().name(), request.url()),
              parent);
      if (exchange == null) {
        return next.exchange(request);
      }
      recorded = record(request, exchange);
    } catch (RuntimeException e) {
      LOG.failed("Recording a WebClient request", e);
      if (exchange != null) {
        exchange.end();
      }
      return next.exchange(request);
    }
    HttpExchange started = exchange;
    Mono<ClientResponse> answered =
        started.isReplaying()
            ? ReplayedExchanges.answer(recorded, started, () -> next.exchange(recorded))
            : next.exchange(recorded);
    return answered
        .doOnError(
            error -> {
              started.fail(error);
              started.end();
            })
        .doOnCancel(started::end)
        .map(response -> ReactiveBodies.recordResponse(response, started));
  }

  private static ClientRequest record(ClientRequest request, HttpExchange exchange) {
    HttpHeaders headers = request.headers();
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("method", request.method().name());
    head.put("url", request.url().toString());
    head.put("headers", RecordingClientHttpResponse.headers(headers));
    BodyBuffer body = exchange.newBody();
    exchange.request(head, headers.getFirst(HttpHeaders.CONTENT_TYPE), body);
    return ClientRequest.from(request)
        .headers(
            outbound ->
                W3cPropagation.inject(
                    exchange.context(), outbound.getFirst("baggage"), outbound::set))
        .body(ReactiveBodies.capturing(request.body(), body))
        .build();
  }
}
