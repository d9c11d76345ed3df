package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HeaderMaps;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.RecordedResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;

/**
 * Records each request through an Apache HttpClient 5 classic client. Installed first in the
 * execution chain, so it sees one logical call, before redirects and retries.
 */
public final class CheckpointExecChainHandler implements ExecChainHandler {

  private final Instrumenter recorder;

  /**
   * Creates the handler.
   *
   * @param recorder the recorder
   */
  public CheckpointExecChainHandler(Instrumenter recorder) {
    this.recorder = recorder;
  }

  @Override
  public ClassicHttpResponse execute(
      ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
      throws IOException, HttpException {
    if (!recorder.isEnabled()) {
      return chain.proceed(request, scope);
    }
    URI uri = uri(request, scope);
    HttpExchange exchange = ClientCalls.start(recorder, request.getMethod(), uri);
    if (exchange == null) {
      return chain.proceed(request, scope);
    }
    HttpEntity original = request.getEntity();
    try {
      BodyBuffer body = original == null ? null : exchange.newBody();
      ClientCalls.request(
          exchange,
          request.getMethod(),
          uri,
          headers(request),
          original == null ? null : original.getContentType(),
          body);
      Header baggage = request.getFirstHeader("baggage");
      ClientCalls.inject(exchange, baggage == null ? null : baggage.getValue(), request::setHeader);
      if (original != null) {
        request.setEntity(CapturingEntity.request(original, body));
      }
    } catch (RuntimeException e) {
      ClientCalls.LOG.failed("Recording an Apache HttpClient request", e);
    }
    if (exchange.isReplaying()) {
      Optional<ClassicHttpResponse> replayed = replayed(request, exchange);
      if (replayed.isPresent()) {
        if (original != null) {
          request.setEntity(original);
        }
        recordResponse(exchange, replayed.get());
        return replayed.get();
      }
    }
    ClassicHttpResponse response;
    try {
      response = chain.proceed(request, scope);
    } catch (IOException | HttpException | RuntimeException | Error e) {
      ClientCalls.failed(exchange, e);
      throw e;
    } finally {
      if (original != null) {
        request.setEntity(original);
      }
    }
    recordResponse(exchange, response);
    return response;
  }

  /**
   * The recorded response to a call in replay, built without a network call; the request entity is
   * written through the recording entity only, so that it is matched as it would be recorded.
   */
  private static Optional<ClassicHttpResponse> replayed(
      ClassicHttpRequest request, HttpExchange exchange) throws IOException {
    HttpEntity entity = request.getEntity();
    if (entity != null) {
      entity.writeTo(OutputStream.nullOutputStream());
    }
    Optional<RecordedResponse> replayed = exchange.replayedResponse();
    if (replayed.isEmpty()) {
      return Optional.empty();
    }
    RecordedResponse recordedResponse = replayed.get();
    BasicClassicHttpResponse response = new BasicClassicHttpResponse(recordedResponse.status());
    String contentType = null;
    for (Map.Entry<String, List<String>> header : recordedResponse.headers().entrySet()) {
      for (String value : header.getValue()) {
        response.addHeader(header.getKey(), value);
        if (header.getKey().equals("content-type")) {
          contentType = value;
        }
      }
    }
    if (recordedResponse.body().length > 0) {
      response.setEntity(
          new ByteArrayEntity(
              recordedResponse.body(),
              contentType == null ? null : ContentType.parse(contentType)));
    }
    return Optional.of(response);
  }

  private static void recordResponse(HttpExchange exchange, ClassicHttpResponse response) {
    try {
      HttpEntity entity = response.getEntity();
      BodyBuffer body = entity == null ? null : exchange.newBody();
      ClientCalls.response(
          exchange,
          response.getCode(),
          headers(response),
          entity == null ? null : entity.getContentType(),
          body);
      if (entity == null) {
        exchange.end();
      } else {
        // The response ends when the application has read or closed its body.
        response.setEntity(CapturingEntity.response(entity, body, exchange));
      }
    } catch (RuntimeException e) {
      ClientCalls.LOG.failed("Recording an Apache HttpClient response", e);
      exchange.end();
    }
  }

  private static URI uri(ClassicHttpRequest request, ExecChain.Scope scope) {
    try {
      URI uri = request.getUri();
      if (uri.isAbsolute() || scope.route == null) {
        return uri;
      }
      return URI.create(scope.route.getTargetHost().toURI() + request.getRequestUri());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return URI.create("http://unknown/");
    }
  }

  private static Map<String, String> headers(HttpMessage message) {
    Map<String, String> headers = HeaderMaps.empty();
    for (Header header : message.getHeaders()) {
      HeaderMaps.add(headers, header.getName(), header.getValue());
    }
    return headers;
  }
}
