package dev.checkpoint.core.instrumentation;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where instrumentation reports its own failures. The application's call goes on regardless, so a
 * recurring failure must not flood its log: the first failure on a log is logged at WARNING, later
 * ones at DEBUG.
 *
 * <p>Unlike the core's {@code ThrottledLog}, which repeats a warning about a dead server once a
 * minute, a failure here is a bug in the instrumentation or a value it cannot handle: one warning
 * says all there is to say.
 */
public final class InstrumentationLog {

  private final Logger logger;
  private final AtomicBoolean warned = new AtomicBoolean();

  /**
   * Creates the log.
   *
   * @param name the logger name: the instrumentation's class or package name
   */
  public InstrumentationLog(String name) {
    this.logger = System.getLogger(name);
  }

  /**
   * Reports a failure of the instrumentation itself.
   *
   * @param what what could not be done, such as "Recording an HTTP request"
   * @param error the cause
   */
  public void failed(String what, Throwable error) {
    Level level = warned.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
    logger.log(
        level,
        what
            + " failed; the call went on unrecorded or partly recorded. Later failures here are"
            + " logged at DEBUG.",
        error);
  }
}
