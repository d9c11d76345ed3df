package dev.checkpoint.core.replay;

/**
 * Recorded as the error of a call made in replay that matches no recorded call: its message says
 * what was called, the closest recorded calls and what differs.
 */
public final class ReplayMismatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was called and what was recorded nearby
   */
  public ReplayMismatchException(String message) {
    super(message, null, false, false);
  }
}
