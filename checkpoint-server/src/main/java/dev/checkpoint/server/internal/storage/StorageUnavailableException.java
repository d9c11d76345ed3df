package dev.checkpoint.server.internal.storage;

/** The database could not be reached or refused the operation; the caller may retry later. */
public final class StorageUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
