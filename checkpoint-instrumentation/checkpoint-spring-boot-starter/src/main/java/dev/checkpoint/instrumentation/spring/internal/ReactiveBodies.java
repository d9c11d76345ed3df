package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HttpExchange;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Copies the bodies of {@code WebClient} exchanges as they stream past, without consuming them. */
public final class ReactiveBodies {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(ReactiveBodies.class.getName());

  private ReactiveBodies() {}

  /**
   * A body inserter that writes what {@code inserter} writes and copies it into {@code body}.
   *
   * @param inserter the request's own inserter
   * @param body where the copy goes
   * @return the copying inserter
   */
  public static BodyInserter<?, ? super ClientHttpRequest> capturing(
      BodyInserter<?, ? super ClientHttpRequest> inserter, BodyBuffer body) {
    return (request, context) ->
        inserter.insert(
            new ClientHttpRequestDecorator(request) {
              @Override
              public Mono<Void> writeWith(Publisher<? extends DataBuffer> buffers) {
                // A retried request writes its body again: record the last attempt only.
                body.reset();
                return super.writeWith(Flux.from(buffers).doOnNext(buffer -> copy(buffer, body)));
              }
            },
            context);
  }

  /**
   * Records a response's status and headers, and wraps its body to record it as it is consumed; the
   * exchange ends when the body completes, fails or is cancelled.
   *
   * @param response the response
   * @param exchange the call's exchange
   * @return the response to hand to the application
   */
  public static ClientResponse recordResponse(ClientResponse response, HttpExchange exchange) {
    try {
      BodyBuffer body = exchange.newBody();
      HttpHeaders headers = response.headers().asHttpHeaders();
      Map<String, Object> head = new LinkedHashMap<>();
      head.put("status", response.statusCode().value());
      head.put("headers", RecordingClientHttpResponse.headers(headers));
      exchange.response(head, headers.getFirst(HttpHeaders.CONTENT_TYPE), body);
      return response
          .mutate()
          .body(
              buffers ->
                  buffers
                      .doOnNext(buffer -> copy(buffer, body))
                      .doOnError(exchange::fail)
                      .doFinally(signal -> exchange.end()))
          .build();
    } catch (RuntimeException e) {
      LOG.failed("Recording a WebClient response", e);
      exchange.end();
      return response;
    }
  }

  static void copy(DataBuffer buffer, BodyBuffer body) {
    int room = body.room();
    int readable = buffer.readableByteCount();
    if (room < readable) {
      body.skip(readable - room);
      readable = room;
    }
    if (readable == 0) {
      return;
    }
    // A copy of the readable bytes: the buffer's own position is the application's.
    ByteBuffer copy = ByteBuffer.allocate(readable);
    buffer.toByteBuffer(buffer.readPosition(), copy, 0, readable);
    body.write(copy);
  }
}
