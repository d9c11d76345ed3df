package dev.checkpoint.assets;

/**
 * An asset file that cannot be read: not JSON, an unsupported format version, or a field with the
 * wrong shape. The message names the file and the field, says what was wrong and how to fix it.
 */
public final class AssetFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;

  /**
   * Creates the exception.
   *
   * @param source the file or resource that was read
   * @param message the full message, naming {@code source}
   * @param cause the underlying parse error, or {@code null}
   */
  public AssetFormatException(String source, String message, Throwable cause) {
    super(message, cause);
    this.source = source;
  }

  /**
   * The file or resource that was read.
   *
   * @return its name, as given to {@link AssetFormat}
   */
  public String source() {
    return source;
  }
}
