package dev.checkpoint.instrumentation.http.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where instrumentation reports its own failures: logged once per instrumentation class, because
 * the application's call goes on regardless and a recurring failure must not flood its log.
 */
public final class InstrumentationLog {

  private final System.Logger logger;
  private final AtomicBoolean logged = new AtomicBoolean();

  /**
   * Creates the log.
   *
   * @param name the logger name, usually the instrumentation's class name
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
    if (logged.compareAndSet(false, true)) {
      logger.log(
          Level.WARNING,
          what
              + " failed; the call went on unrecorded or partly recorded. Later failures here are"
              + " not logged.",
          error);
    }
  }
}
