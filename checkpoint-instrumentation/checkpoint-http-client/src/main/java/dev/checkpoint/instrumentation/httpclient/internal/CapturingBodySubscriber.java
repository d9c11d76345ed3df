package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HttpExchange;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Copies a response body as the JDK client delivers it to the application's subscriber, and ends
 * the exchange when the body is complete, before the application sees the end.
 */
final class CapturingBodySubscriber<T> implements BodySubscriber<T> {

  private final BodySubscriber<T> delegate;
  private final BodyBuffer body;
  private final HttpExchange exchange;

  CapturingBodySubscriber(BodySubscriber<T> delegate, BodyBuffer body, HttpExchange exchange) {
    this.delegate = delegate;
    this.body = body;
    this.exchange = exchange;
  }

  @Override
  public CompletionStage<T> getBody() {
    return delegate.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    delegate.onSubscribe(subscription);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer item : items) {
      body.write(item);
    }
    delegate.onNext(items);
  }

  @Override
  public void onError(Throwable error) {
    ClientCalls.failed(exchange, error);
    delegate.onError(error);
  }

  @Override
  public void onComplete() {
    exchange.end();
    delegate.onComplete();
  }
}
