package dev.checkpoint.contracts;

/**
 * A contract that cannot be made from what was given: no cross-service calls, an unknown service,
 * or a file that a verifier would reject. The message says why and what to do.
 */
public final class ContractException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and what to do
   */
  public ContractException(String message) {
    super(message);
  }
}
