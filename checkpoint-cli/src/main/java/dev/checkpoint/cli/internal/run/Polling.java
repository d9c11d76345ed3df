package dev.checkpoint.cli.internal.run;

import java.time.Duration;

/** Sleeping between polls, turning an interrupt (Ctrl-C) into the end of the run. */
final class Polling {
  private Polling() {}

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailure("Interrupted while waiting.", e);
    }
  }
}
