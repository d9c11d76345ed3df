package dev.checkpoint;

import dev.checkpoint.internal.NoopCheckpoint;

/**
 * A checkpoint that has started and not yet ended. Obtained from {@link Checkpoints#start} or
 * {@link Checkpoints#current()}; ends with {@link #close()}.
 *
 * <p>Every method is safe to call when recording is off: the instance is then a no-op. No method
 * throws into the caller.
 */
public interface ActiveCheckpoint extends AutoCloseable {

  /**
   * The checkpoint that records nothing: what the facade hands out while recording is off.
   *
   * @return the no-op checkpoint
   */
  static ActiveCheckpoint noop() {
    return NoopCheckpoint.INSTANCE;
  }

  /**
   * Whether this checkpoint is being recorded. Lets callers skip building expensive attributes.
   *
   * @return {@code false} for the no-op checkpoint
   */
  boolean isRecording();

  /**
   * Attaches an attribute, replacing any earlier value under the same key.
   *
   * @param key attribute name, such as {@code "order.id"}
   * @param value any value that serialises to JSON
   * @return this checkpoint
   */
  ActiveCheckpoint setAttribute(String key, Object value);

  /**
   * Sets the recorded output. The value is captured (serialised, redacted, limited) immediately, so
   * later changes to the object are not seen.
   *
   * @param output the output value
   * @return this checkpoint
   */
  ActiveCheckpoint setOutput(Object output);

  /**
   * Records an error as this checkpoint's outcome, even when no exception escapes: for example a
   * declined payment returned as a value.
   *
   * @param error the error
   * @return this checkpoint
   */
  ActiveCheckpoint setError(Throwable error);

  /** Ends the checkpoint and hands it to the exporter. Further calls do nothing. */
  @Override
  void close();
}
