package dev.checkpoint.demo.internal.orders;

/** An order names a product the shop does not sell. */
public final class UnknownProductException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param productId the unknown product
   */
  public UnknownProductException(String productId) {
    super("No product '" + productId + "' in the catalogue.");
  }
}
