package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HeaderMaps;
import dev.checkpoint.instrumentation.http.HttpExchange;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that records every {@code send} and {@code sendAsync} and otherwise behaves
 * as the client it wraps. The application receives the response of the wrapped client; its {@link
 * HttpResponse#request()} carries the added propagation headers.
 */
public final class CheckpointingHttpClient extends HttpClient {

  private final HttpClient delegate;
  private final Instrumenter recorder;

  /**
   * Wraps a client.
   *
   * @param delegate the client that does the work
   * @param recorder the recorder
   */
  public CheckpointingHttpClient(HttpClient delegate, Instrumenter recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Call<T> call = start(request, handler);
    if (call == null) {
      return delegate.send(request, handler);
    }
    if (call.exchange().isReplaying()) {
      Optional<HttpResponse<T>> replayed =
          ReplayedResponses.answer(call.exchange(), call.request(), call.handler(), version());
      if (replayed.isPresent()) {
        return replayed.get();
      }
    }
    try {
      return delegate.send(call.request(), call.handler());
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      ClientCalls.failed(call.exchange(), e);
      throw e;
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, BodyHandler<T> handler) {
    return sendAsync(request, handler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, BodyHandler<T> handler, PushPromiseHandler<T> pushPromiseHandler) {
    Call<T> call = start(request, handler);
    if (call == null) {
      return delegate.sendAsync(request, handler, pushPromiseHandler);
    }
    if (call.exchange().isReplaying()) {
      try {
        Optional<HttpResponse<T>> replayed =
            ReplayedResponses.answer(call.exchange(), call.request(), call.handler(), version());
        if (replayed.isPresent()) {
          return CompletableFuture.completedFuture(replayed.get());
        }
      } catch (IOException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    CompletableFuture<HttpResponse<T>> future;
    try {
      future = delegate.sendAsync(call.request(), call.handler(), pushPromiseHandler);
    } catch (RuntimeException | Error e) {
      ClientCalls.failed(call.exchange(), e);
      throw e;
    }
    // The application gets the client's own future; this dependent only records a failure.
    future.whenComplete(
        (response, error) -> {
          if (error != null) {
            ClientCalls.failed(
                call.exchange(),
                error instanceof CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error);
          }
        });
    return future;
  }

  private <T> Call<T> start(HttpRequest request, BodyHandler<T> handler) {
    if (!recorder.isEnabled()) {
      return null;
    }
    HttpExchange exchange = ClientCalls.start(recorder, request.method(), request.uri());
    if (exchange == null) {
      return null;
    }
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
      BodyBuffer requestBody = null;
      Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
      if (publisher.isPresent() && publisher.get().contentLength() != 0) {
        requestBody = exchange.newBody();
        builder.method(request.method(), new CapturingBodyPublisher(publisher.get(), requestBody));
      }
      ClientCalls.request(
          exchange,
          request.method(),
          request.uri(),
          HeaderMaps.of(request.headers().map()),
          request.headers().firstValue("content-type").orElse(null),
          requestBody);
      ClientCalls.inject(
          exchange, request.headers().firstValue("baggage").orElse(null), builder::setHeader);
      return new Call<>(exchange, builder.build(), capturing(handler, exchange));
    } catch (RuntimeException e) {
      ClientCalls.LOG.failed("Recording a java.net.http request", e);
      exchange.end();
      return null;
    }
  }

  private static <T> BodyHandler<T> capturing(BodyHandler<T> handler, HttpExchange exchange) {
    return info -> {
      BodyBuffer body = exchange.newBody();
      ClientCalls.response(
          exchange,
          info.statusCode(),
          HeaderMaps.of(info.headers().map()),
          info.headers().firstValue("content-type").orElse(null),
          body);
      return new CapturingBodySubscriber<>(handler.apply(info), body, exchange);
    };
  }

  private record Call<T>(HttpExchange exchange, HttpRequest request, BodyHandler<T> handler) {}

  /**
   * Closes the wrapped client where the JDK can (21 and later). There this overrides {@code
   * HttpClient.close()}, whose default would shut down only this wrapper; on older JDKs it is an
   * ordinary method.
   */
  public void close() {
    if (delegate instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        // HttpClient.close() declares no checked exception; this only satisfies the compiler.
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }
}
