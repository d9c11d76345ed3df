package dev.checkpoint.cli.internal.run;

/**
 * A scenario could not be run to the end: a service did not start, a step failed, a status was not
 * the expected one. The message says which and why; the run exits with code 2.
 */
public final class RunFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the failure.
   *
   * @param message what went wrong and, where possible, how to fix it
   */
  public RunFailure(String message) {
    super(message);
  }

  /**
   * Creates the failure with its cause.
   *
   * @param message what went wrong
   * @param cause the underlying error
   */
  public RunFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
