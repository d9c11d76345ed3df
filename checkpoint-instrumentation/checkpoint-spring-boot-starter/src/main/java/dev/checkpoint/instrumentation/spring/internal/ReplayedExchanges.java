package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.RecordedResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers a {@code WebClient} call in replay from its recording, as {@code HttpExchange} answers
 * every client: the request body is written into the recording first (to a request that goes
 * nowhere), so the call is matched on what the application sent; then the recorded response is
 * given back, or the recorded failure or the mismatch raised as the connection failure {@code
 * WebClient} reports ({@code WebClientRequestException}).
 */
public final class ReplayedExchanges {

  // The recorded body is bytes; decoding it needs only the standard codecs.
  private static final ExchangeStrategies STRATEGIES = ExchangeStrategies.withDefaults();

  private ReplayedExchanges() {}

  /**
   * The recorded response of a call, or the real one when the call is to reach the server.
   *
   * @param request the request, with the body inserter that copies into the exchange
   * @param exchange the call, replaying
   * @param real makes the real call
   * @return the response, not yet recorded
   */
  public static Mono<ClientResponse> answer(
      ClientRequest request, HttpExchange exchange, Supplier<Mono<ClientResponse>> real) {
    return request
        .writeTo(new Nowhere(request.method(), request.url()), STRATEGIES)
        .then(
            Mono.defer(
                () -> {
                  Optional<RecordedResponse> replayed;
                  try {
                    replayed = exchange.replayedResponse();
                  } catch (IOException e) {
                    return Mono.error(
                        new WebClientRequestException(
                            e, request.method(), request.url(), request.headers()));
                  }
                  return replayed.isEmpty() ? real.get() : Mono.just(response(replayed.get()));
                }));
  }

  private static ClientResponse response(RecordedResponse recorded) {
    return ClientResponse.create(HttpStatusCode.valueOf(recorded.status()), STRATEGIES)
        .headers(
            headers -> {
              for (Map.Entry<String, List<String>> header : recorded.headers().entrySet()) {
                headers.addAll(header.getKey(), header.getValue());
              }
            })
        .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(recorded.body())))
        .build();
  }

  /** A request whose body is written and released, never sent. */
  private static final class Nowhere extends AbstractClientHttpRequest {

    private final HttpMethod method;
    private final URI uri;

    Nowhere(HttpMethod method, URI uri) {
      this.method = method;
      this.uri = uri;
    }

    @Override
    public HttpMethod getMethod() {
      return method;
    }

    @Override
    public URI getURI() {
      return uri;
    }

    @Override
    public DataBufferFactory bufferFactory() {
      return DefaultDataBufferFactory.sharedInstance;
    }

    @Override
    public <T> T getNativeRequest() {
      throw new UnsupportedOperationException("A replayed request is not sent");
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return doCommit(() -> Flux.from(body).doOnNext(DataBufferUtils::release).then());
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return writeWith(Flux.from(body).flatMap(Flux::from));
    }

    @Override
    public Mono<Void> setComplete() {
      return doCommit();
    }

    @Override
    protected void applyHeaders() {}

    @Override
    protected void applyCookies() {}
  }
}
