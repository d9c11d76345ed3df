package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.HttpNames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One WebFlux request being recorded: its bodies are copied as they stream past, the rest of the
 * chain runs in the request checkpoint's context, and the exchange ends when the chain completes
 * (the response written) or fails, named by the matched route template.
 */
public final class ReactiveServerCall {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(ReactiveServerCall.class.getName());

  private final HttpExchange exchange;
  private final ServerWebExchange web;
  private final BodyBuffer requestBody;
  private final BodyBuffer responseBody;
  private volatile Throwable error;
  private volatile boolean attachedToOuter;

  /**
   * Prepares the recording of a request.
   *
   * @param exchange the started exchange
   * @param web the request's exchange
   */
  public ReactiveServerCall(HttpExchange exchange, ServerWebExchange web) {
    this.exchange = exchange;
    this.web = web;
    this.requestBody = exchange.newBody();
    this.responseBody = exchange.newBody();
    ServerHttpRequest request = web.getRequest();
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("method", request.getMethod().name());
    head.put("path", request.getURI().getRawPath());
    head.put("query", request.getURI().getRawQuery());
    head.put("headers", RecordingClientHttpResponse.headers(request.getHeaders()));
    exchange.request(head, request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), requestBody);
  }

  /**
   * Runs the rest of the chain with the recording request and response.
   *
   * @param chain the filter chain
   * @return what the chain returns, recorded
   */
  public Mono<Void> run(WebFilterChain chain) {
    ExceptionHandlerResponses.Response outer =
        ExceptionHandlerResponses.Response.of(web.getResponse());
    ServerWebExchange.Builder recorded =
        web.mutate().request(new RecordingRequest(web.getRequest()));
    if (outer == null) {
      // Without the outer response the call ends with the chain, before any exception handler.
      return ReactorContexts.inContext(
              chain.filter(recorded.response(new RecordingResponse(web.getResponse())).build()),
              exchange.context())
          .doOnError(thrown -> error = thrown)
          .doFinally(signal -> end());
    }
    attachedToOuter = true;
    outer.attach(this);
    return ReactorContexts.inContext(chain.filter(recorded.build()), exchange.context())
        .doOnError(thrown -> error = thrown);
  }

  /**
   * The response body, copied as it is written.
   *
   * @param body what is written
   * @return the same buffers
   */
  Flux<? extends DataBuffer> recordResponse(Publisher<? extends DataBuffer> body) {
    return Flux.from(body).doOnNext(buffer -> ReactiveBodies.copy(buffer, responseBody));
  }

  /**
   * The parts of a response body written with flushes, copied as they are written.
   *
   * @param body what is written
   * @return the same parts
   */
  Flux<Flux<? extends DataBuffer>> recordResponseParts(
      Publisher<? extends Publisher<? extends DataBuffer>> body) {
    return Flux.from(body).map(this::recordResponse);
  }

  /** Ends the recording: the response is written, by the handler or an exception handler. */
  void end() {
    try {
      Object route = web.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
      if (route instanceof PathPattern pattern) {
        String template = pattern.getPatternString();
        exchange.rename(HttpNames.server(web.getRequest().getMethod().name(), template));
        exchange.attribute("http.route", template);
      }
      ServerHttpResponse response = web.getResponse();
      Map<String, Object> head = new LinkedHashMap<>();
      head.put("status", status(response.getStatusCode()));
      head.put("headers", RecordingClientHttpResponse.headers(response.getHeaders()));
      exchange.response(
          head, response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), responseBody);
      Throwable failed = error;
      if (failed != null) {
        exchange.fail(failed);
      }
    } catch (RuntimeException e) {
      LOG.failed("Recording a WebFlux response", e);
    } finally {
      exchange.end();
    }
  }

  private int status(HttpStatusCode written) {
    Throwable failed = error;
    if (failed != null && !attachedToOuter) {
      // The exception handlers after the filters will answer with the exception's status, or 500.
      return failed instanceof ResponseStatusException status
          ? status.getStatusCode().value()
          : 500;
    }
    return written == null ? 200 : written.value();
  }

  private final class RecordingRequest extends ServerHttpRequestDecorator {

    RecordingRequest(ServerHttpRequest delegate) {
      super(delegate);
    }

    @Override
    public Flux<DataBuffer> getBody() {
      // In context: the handler is invoked from the body's signals once it has been decoded.
      return ReactorContexts.inContext(
          super.getBody().doOnNext(buffer -> ReactiveBodies.copy(buffer, requestBody)),
          exchange.context());
    }
  }

  private final class RecordingResponse extends ServerHttpResponseDecorator {

    RecordingResponse(ServerHttpResponse delegate) {
      super(delegate);
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return super.writeWith(recordResponse(body));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return super.writeAndFlushWith(recordResponseParts(body));
    }
  }
}
