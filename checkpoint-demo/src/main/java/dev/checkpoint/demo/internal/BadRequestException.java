package dev.checkpoint.demo.internal;

/** A request the service cannot make sense of; answered with 400 and the message. */
public final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the request
   */
  public BadRequestException(String message) {
    super(message);
  }
}
