package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.RecordingControl;
import dev.checkpoint.instrumentation.servlet.CheckpointControlServlet;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The control endpoint of a WebFlux application, answering as {@link CheckpointControlServlet}
 * does: the token is checked before the body is read, and a body over 4 KB is refused unread.
 */
public final class ReactiveControlEndpoint {

  /** Control requests are a few bytes of JSON; anything longer is refused. */
  private static final int MAX_BODY_BYTES = 4096;

  private static final RecordingControl.Response TOO_LARGE =
      new RecordingControl.Response(
          413,
          "{\"error\":\"request too large\",\"detail\":\"Send at most "
              + MAX_BODY_BYTES
              + " bytes of JSON.\"}");

  private ReactiveControlEndpoint() {}

  /**
   * The route of the endpoint at {@value CheckpointControlServlet#PATH}.
   *
   * @param control the recorder's control
   * @return the route
   */
  public static RouterFunction<ServerResponse> route(RecordingControl control) {
    return RouterFunctions.route(
        RequestPredicates.path(CheckpointControlServlet.PATH), request -> handle(control, request));
  }

  private static Mono<ServerResponse> handle(RecordingControl control, ServerRequest request) {
    String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
    Optional<RecordingControl.Response> refused = control.refusal(authorization);
    if (refused.isPresent()) {
      return send(refused.get());
    }
    String method = request.method().name();
    if (!HttpMethod.POST.equals(request.method())) {
      return send(control.handle(method, authorization, null));
    }
    return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), MAX_BODY_BYTES)
        .map(ReactiveControlEndpoint::text)
        .defaultIfEmpty("")
        .map(body -> control.handle(method, authorization, body))
        .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(TOO_LARGE))
        .flatMap(ReactiveControlEndpoint::send);
  }

  private static String text(DataBuffer buffer) {
    try {
      return buffer.toString(StandardCharsets.UTF_8);
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static Mono<ServerResponse> send(RecordingControl.Response answer) {
    ServerResponse.BodyBuilder response =
        ServerResponse.status(answer.status())
            .contentType(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.CACHE_CONTROL, "no-store");
    if (answer.status() == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.bodyValue(answer.json());
  }
}
