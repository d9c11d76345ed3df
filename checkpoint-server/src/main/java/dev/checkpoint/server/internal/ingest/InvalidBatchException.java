package dev.checkpoint.server.internal.ingest;

/**
 * A batch that breaks the wire format.
 *
 * @see BatchParser
 */
public final class InvalidBatchException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String error;
  private final String path;

  InvalidBatchException(String error, String detail, String path) {
    super(detail);
    this.error = error;
    this.path = path;
  }

  /** A short machine-readable reason, e.g. {@code invalid_field}. */
  public String error() {
    return error;
  }

  /** Where in the batch, e.g. {@code checkpoints[3].traceId}; null when the whole body is wrong. */
  public String path() {
    return path;
  }
}
