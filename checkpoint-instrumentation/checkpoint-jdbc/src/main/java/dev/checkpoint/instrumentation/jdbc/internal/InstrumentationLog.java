package dev.checkpoint.instrumentation.jdbc.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reports a failure of the instrumentation itself: the first at WARNING, later ones at DEBUG, so a
 * broken driver or value cannot flood the application's log. The application's call always goes on.
 */
final class InstrumentationLog {

  private static final Logger LOGGER = System.getLogger("dev.checkpoint.instrumentation.jdbc");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private InstrumentationLog() {}

  static void failed(String what, Throwable error) {
    Level level = WARNED.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
    LOGGER.log(
        level,
        "Checkpoint JDBC instrumentation could not "
            + what
            + "; the statement runs unrecorded or partly recorded. Later failures are logged at"
            + " DEBUG.",
        error);
  }
}
