package dev.checkpoint.instrumentation.messaging.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reports a failure of the instrumentation itself: the first at WARNING, later ones at DEBUG, so a
 * broken message or header cannot flood the application's log. The application's call always goes
 * on.
 */
public final class InstrumentationLog {

  private static final Logger LOGGER = System.getLogger("dev.checkpoint.instrumentation.messaging");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private InstrumentationLog() {}

  /**
   * Logs a failure of the instrumentation.
   *
   * @param what what could not be done, such as {@code "record a publish"}
   * @param error the cause
   */
  public static void failed(String what, Throwable error) {
    Level level = WARNED.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
    LOGGER.log(
        level,
        "Checkpoint RabbitMQ instrumentation could not "
            + what
            + "; the message goes on unrecorded. Later failures are logged at"
            + " DEBUG.",
        error);
  }
}
