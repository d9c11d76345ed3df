package dev.checkpoint.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a recurring problem at most once a minute, so a dead server or a broken serialiser cannot
 * flood the application's log.
 */
public final class ThrottledLog {

  private static final long INTERVAL_NANOS = 60_000_000_000L;

  private final Logger logger;
  private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  /**
   * Creates the log.
   *
   * @param name the logger name
   */
  public ThrottledLog(String name) {
    this.logger = System.getLogger(name);
  }

  /**
   * Logs, unless something was logged here less than a minute ago.
   *
   * @param level the level
   * @param message the message
   * @param error the cause, may be {@code null}
   */
  public void log(Level level, String message, Throwable error) {
    long now = System.nanoTime();
    long allowed = nextAllowed.get();
    if ((allowed != Long.MIN_VALUE && now - allowed < 0)
        || !nextAllowed.compareAndSet(allowed, now + INTERVAL_NANOS)) {
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
}
