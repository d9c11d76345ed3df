package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HeaderMaps;
import dev.checkpoint.instrumentation.http.HttpExchange;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

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
