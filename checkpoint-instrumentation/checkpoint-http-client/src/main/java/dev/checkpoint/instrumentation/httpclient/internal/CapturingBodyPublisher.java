package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/** Copies a request body as the JDK client sends it; the client sees the same buffers. */
final class CapturingBodyPublisher implements BodyPublisher {

  private final BodyPublisher delegate;
  private final BodyBuffer body;

  CapturingBodyPublisher(BodyPublisher delegate, BodyBuffer body) {
    this.delegate = delegate;
    this.body = body;
  }

  @Override
  public long contentLength() {
    return delegate.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    // The client subscribes again to resend the body on a redirect; record the last sending.
    body.reset();
    delegate.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(subscription);
          }

          @Override
          public void onNext(ByteBuffer item) {
            body.write(item);
            subscriber.onNext(item);
          }

          @Override
          public void onError(Throwable error) {
            subscriber.onError(error);
          }

          @Override
          public void onComplete() {
            subscriber.onComplete();
          }
        });
  }
}
