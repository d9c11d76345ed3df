package dev.checkpoint.server.internal.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts requests from the moment Jetty hands them over until their response is completely written,
 * so that shutdown can refuse new ones and wait for the rest: a batch whose commit is under way is
 * acknowledged rather than cut off. A request counts until Jetty's completion of its exchange, not
 * until the endpoint returns: Javalin writes the response after that, and stopping Jetty in between
 * cut off answers of batches already stored.
 *
 * <p>It wraps Javalin's handler: {@code javalin.jetty.modifyServer(s -> s.setHandler(inFlight))}.
 */
public final class InFlightRequests extends Handler.Wrapper {
  private final AtomicInteger count = new AtomicInteger();
  private volatile boolean draining;

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (enter()) {
      // Jetty calls this once the last byte is written or the exchange failed, also when the
      // handler throws or declines the request and Jetty answers itself.
      Request.addCompletionListener(request, failure -> exit());
    }
    return super.handle(request, response, callback);
  }

  /** False once draining has begun: endpoints then refuse new work. */
  boolean accepting() {
    return !draining;
  }

  /**
   * Returns false, counting nothing, once draining has begun: a request that comes after is
   * answered (a 503) but not waited for.
   */
  private boolean enter() {
    count.incrementAndGet();
    if (draining) {
      exit();
      return false;
    }
    return true;
  }

  private void exit() {
    if (count.decrementAndGet() == 0 && draining) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Refuses new requests and waits for those in flight; returns false on timeout. */
  public boolean drain(Duration timeout) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (count.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }
}
