package dev.checkpoint.server.internal.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests being handled, so that shutdown can refuse new ones and wait for the rest: a
 * batch whose commit is under way is acknowledged rather than cut off.
 */
public final class InFlightRequests {
  private final AtomicInteger count = new AtomicInteger();
  private volatile boolean draining;

  /** Returns false, counting nothing, once draining has begun. */
  boolean enter() {
    count.incrementAndGet();
    if (draining) {
      exit();
      return false;
    }
    return true;
  }

  void exit() {
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
