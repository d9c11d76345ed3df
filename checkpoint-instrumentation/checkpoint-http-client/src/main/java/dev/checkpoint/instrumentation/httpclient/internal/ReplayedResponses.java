package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.http.RecordedResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSession;

/**
 * java.net.http calls in replay: the request body is streamed into the exchange (not to the
 * network), the recorded response is matched and handed to the application's body handler through
 * the recording one, so the replayed call records its output as a real one would.
 */
final class ReplayedResponses {

  private static final long BODY_TIMEOUT_SECONDS = 30;

  private ReplayedResponses() {}

  /**
   * The recorded response to a call.
   *
   * @return the response; empty when the call is to reach the real server
   * @throws IOException the recorded failure, or why no recorded call matched
   */
  static <T> Optional<HttpResponse<T>> answer(
      HttpExchange exchange,
      HttpRequest request,
      BodyHandler<T> handler,
      HttpClient.Version version)
      throws IOException {
    drain(request);
    Optional<RecordedResponse> replayed = exchange.replayedResponse();
    if (replayed.isEmpty()) {
      return Optional.empty();
    }
    RecordedResponse response = replayed.get();
    HttpHeaders headers = HttpHeaders.of(response.headers(), (name, value) -> true);
    BodySubscriber<T> subscriber = handler.apply(new Info(response.status(), headers, version));
    subscriber.onSubscribe(new OneBuffer(subscriber, response.body()));
    try {
      T body =
          subscriber.getBody().toCompletableFuture().get(BODY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return Optional.of(new Replayed<>(response.status(), request, headers, body, version));
    } catch (ExecutionException e) {
      throw new IOException("The recorded response body could not be read: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IOException("The body handler did not complete on the recorded response", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading the recorded response", e);
    }
  }

  /** Streams the request body through the recording publisher, which keeps it for matching. */
  private static void drain(HttpRequest request) throws IOException {
    Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
    if (publisher.isEmpty()) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    publisher
        .get()
        .subscribe(
            new Flow.Subscriber<ByteBuffer>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(ByteBuffer item) {
                // The recording publisher keeps what passes; nothing is sent.
              }

              @Override
              public void onError(Throwable error) {
                done.completeExceptionally(error);
              }

              @Override
              public void onComplete() {
                done.complete(null);
              }
            });
    try {
      done.get(BODY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("The request body could not be read for replay: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading the request body for replay", e);
    }
  }

  /** Hands the recorded body to a subscriber in one buffer, then completes. */
  private static final class OneBuffer implements Flow.Subscription {
    private final BodySubscriber<?> subscriber;
    private final byte[] body;
    private boolean done;

    OneBuffer(BodySubscriber<?> subscriber, byte[] body) {
      this.subscriber = subscriber;
      this.body = body;
    }

    @Override
    public synchronized void request(long n) {
      if (done || n <= 0) {
        return;
      }
      done = true;
      if (body.length > 0) {
        subscriber.onNext(List.of(ByteBuffer.wrap(body)));
      }
      subscriber.onComplete();
    }

    @Override
    public synchronized void cancel() {
      done = true;
    }
  }

  private record Info(int statusCode, HttpHeaders headers, HttpClient.Version version)
      implements HttpResponse.ResponseInfo {}

  private record Replayed<T>(
      int statusCode, HttpRequest request, HttpHeaders headers, T body, HttpClient.Version version)
      implements HttpResponse<T> {

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }
  }
}
