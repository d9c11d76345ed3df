package dev.checkpoint.core;

/**
 * A configuration value that cannot be used. The message names the setting, the value found and the
 * values accepted.
 */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and how to fix it
   */
  public ConfigurationException(String message) {
    super(message);
  }
}
