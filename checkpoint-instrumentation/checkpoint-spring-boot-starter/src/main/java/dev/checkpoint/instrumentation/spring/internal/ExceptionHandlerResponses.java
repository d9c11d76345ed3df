package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Instrumenter;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Mono;

/**
 * Lets a WebFlux request's checkpoint see the response its application's exception handlers write.
 * Those handlers ({@code WebExceptionHandler}s, Spring Boot's error handler among them) answer a
 * request whose handler failed after the filters are done, on the exchange as it was before the
 * filters, so {@code CheckpointWebFilter} can neither see their body nor end the checkpoint after
 * it. This decorates the server's {@link HttpHandler}, outside all of them: each response passes
 * through a {@link Response} that the filter's call attaches itself to, which records every body
 * written to it, the exception handlers' included, and ends the checkpoint when the whole request
 * is done. With recording off a request costs one check.
 */
public final class ExceptionHandlerResponses implements HttpHandlerDecoratorFactory {

  private final Instrumenter recorder;

  /**
   * Creates the decorator.
   *
   * @param recorder the recorder
   */
  public ExceptionHandlerResponses(Instrumenter recorder) {
    this.recorder = recorder;
  }

  @Override
  public HttpHandler apply(HttpHandler handler) {
    return (request, response) -> {
      if (!recorder.isEnabled()) {
        return handler.handle(request, response);
      }
      Response captured = new Response(response);
      return handler.handle(request, captured).doFinally(signal -> captured.done());
    };
  }

  /**
   * The response of a request while recording is on, to which the filter attaches the request's
   * call, if it records the request.
   */
  static final class Response extends ServerHttpResponseDecorator {

    private volatile ReactiveServerCall call;

    Response(ServerHttpResponse delegate) {
      super(delegate);
    }

    /** The outermost response behind {@code response}, when it is one of these. */
    static Response of(ServerHttpResponse response) {
      ServerHttpResponse current = response;
      while (current instanceof ServerHttpResponseDecorator decorator) {
        if (current instanceof Response found) {
          return found;
        }
        current = decorator.getDelegate();
      }
      return null;
    }

    void attach(ReactiveServerCall recording) {
      call = recording;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      ReactiveServerCall recording = call;
      return super.writeWith(recording == null ? body : recording.recordResponse(body));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      ReactiveServerCall recording = call;
      return super.writeAndFlushWith(
          recording == null ? body : recording.recordResponseParts(body));
    }

    private void done() {
      ReactiveServerCall recording = call;
      if (recording != null) {
        recording.end();
      }
    }
  }
}
