package dev.checkpoint.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Logs a recurring problem at most once a minute, so a dead server or a broken serialiser cannot
 * flood the application's log. One instance per kind of problem: problems sharing an instance
 * silence each other.
 */
public final class ThrottledLog {

  private static final long INTERVAL_NANOS = 60_000_000_000L;

  private final Logger logger;
  private final LongSupplier nanoTime;
  private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  /**
   * Creates the log.
   *
   * @param name the logger name
   */
  public ThrottledLog(String name) {
    this(name, System::nanoTime);
  }

  /**
   * Creates the log with its own clock, so that a test can let a minute pass at once.
   *
   * @param name the logger name
   * @param nanoTime a monotonic clock in nanoseconds, like {@link System#nanoTime()}
   */
  public ThrottledLog(String name, LongSupplier nanoTime) {
    this.logger = System.getLogger(name);
    this.nanoTime = nanoTime;
  }

  /**
   * Logs, unless something was logged here less than a minute ago.
   *
   * @param level the level
   * @param message the message
   * @param error the cause, may be {@code null}
   */
  public void log(Level level, String message, Throwable error) {
    if (!claim()) {
      suppressed.incrementAndGet();
      return;
    }
    long skipped = suppressed.getAndSet(0);
    String text =
        skipped > 0 ? message + " (" + skipped + " similar messages suppressed)" : message;
    if (error == null) {
      logger.log(level, text);
    } else {
      logger.log(level, text, error);
    }
  }

  /**
   * Logs how often something happened since the last line, when it happened at all and nothing was
   * logged here less than a minute ago; the count then starts again from zero. Events are counted
   * by the caller, cheaply and where they happen; the line is written where logging may take time.
   *
   * @param level the level
   * @param count the events since the last line; reset when a line is written
   * @param message makes the line from the count
   */
  public void logCount(Level level, AtomicLong count, LongFunction<String> message) {
    if (count.get() > 0 && claim()) {
      logger.log(level, message.apply(count.getAndSet(0)));
    }
  }

  /** Takes this minute's slot, when it is free. */
  private boolean claim() {
    long now = nanoTime.getAsLong();
    long allowed = nextAllowed.get();
    return (allowed == Long.MIN_VALUE || now - allowed >= 0)
        && nextAllowed.compareAndSet(allowed, now + INTERVAL_NANOS);
  }
}
