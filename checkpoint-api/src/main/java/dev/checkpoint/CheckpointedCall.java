package dev.checkpoint;

/**
 * A call whose result is recorded by {@link Checkpoints#record(String, Object, CheckpointedCall)}.
 *
 * @param <T> the result type
 * @param <E> the checked exception the call may throw
 */
@FunctionalInterface
public interface CheckpointedCall<T, E extends Throwable> {
  /**
   * Performs the call.
   *
   * @return the result
   * @throws E when the call fails
   */
  T call() throws E;
}
