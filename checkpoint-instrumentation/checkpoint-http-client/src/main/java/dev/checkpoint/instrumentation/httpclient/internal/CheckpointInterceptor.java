package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HeaderMaps;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.RecordedResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * Records each call through an OkHttp client. An application interceptor, so it sees one logical
 * call, before redirects and retries.
 */
public final class CheckpointInterceptor implements Interceptor {

  private final Instrumenter recorder;

  /**
   * Creates the interceptor.
   *
   * @param recorder the recorder
   */
  public CheckpointInterceptor(Instrumenter recorder) {
    this.recorder = recorder;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!recorder.isEnabled()) {
      return chain.proceed(request);
    }
    HttpExchange exchange = ClientCalls.start(recorder, request.method(), request.url().uri());
    if (exchange == null) {
      return chain.proceed(request);
    }
    Request sent = request;
    try {
      sent = prepare(request, exchange);
    } catch (RuntimeException e) {
      ClientCalls.LOG.failed("Recording an OkHttp request", e);
    }
    if (exchange.isReplaying()) {
      Optional<Response> replayed = replayed(sent, exchange);
      if (replayed.isPresent()) {
        return capture(replayed.get(), exchange);
      }
    }
    Response response;
    try {
      response = chain.proceed(sent);
    } catch (IOException | RuntimeException | Error e) {
      ClientCalls.failed(exchange, e);
      throw e;
    }
    try {
      return capture(response, exchange);
    } catch (RuntimeException e) {
      ClientCalls.LOG.failed("Recording an OkHttp response", e);
      exchange.end();
      return response;
    }
  }

  /**
   * The recorded response to a call in replay, built without a network call; the request body is
   * written through the recording body only, so that it is matched as it would be recorded.
   */
  private static Optional<Response> replayed(Request sent, HttpExchange exchange)
      throws IOException {
    if (sent.body() != null) {
      sent.body().writeTo(new Buffer());
    }
    Optional<RecordedResponse> replayed = exchange.replayedResponse();
    if (replayed.isEmpty()) {
      return Optional.empty();
    }
    RecordedResponse response = replayed.get();
    Headers.Builder headers = new Headers.Builder();
    for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
      for (String value : header.getValue()) {
        headers.addUnsafeNonAscii(header.getKey(), value);
      }
    }
    String contentType = headers.get("content-type");
    return Optional.of(
        new Response.Builder()
            .request(sent)
            .protocol(Protocol.HTTP_1_1)
            .code(response.status())
            .message("")
            .headers(headers.build())
            .body(
                ResponseBody.create(
                    response.body(), contentType == null ? null : MediaType.parse(contentType)))
            .build());
  }

  private static Request prepare(Request request, HttpExchange exchange) {
    RequestBody body = request.body();
    BodyBuffer buffer = body == null ? null : exchange.newBody();
    MediaType contentType = body == null ? null : body.contentType();
    ClientCalls.request(
        exchange,
        request.method(),
        request.url().uri(),
        HeaderMaps.of(request.headers().toMultimap()),
        contentType == null ? null : contentType.toString(),
        buffer);
    Request.Builder builder = request.newBuilder();
    ClientCalls.inject(exchange, request.header("baggage"), builder::header);
    if (body != null) {
      builder.method(request.method(), new CapturingRequestBody(body, buffer));
    }
    return builder.build();
  }

  private static Response capture(Response response, HttpExchange exchange) {
    ResponseBody body = response.body();
    MediaType contentType = body.contentType();
    BodyBuffer buffer = exchange.newBody();
    ClientCalls.response(
        exchange,
        response.code(),
        HeaderMaps.of(response.headers().toMultimap()),
        contentType == null ? null : contentType.toString(),
        buffer);
    if (body.contentLength() == 0) {
      // Nothing to read: an application may rightly never touch an empty body.
      exchange.end();
      return response;
    }
    return response.newBuilder().body(new CapturingResponseBody(body, buffer, exchange)).build();
  }
}
