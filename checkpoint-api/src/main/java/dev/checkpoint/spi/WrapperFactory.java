package dev.checkpoint.spi;

/**
 * Makes the wrappers {@link dev.checkpoint.Checkpoints#wrap(Class, Object)} hands out. Found with
 * {@link java.util.ServiceLoader} the first time a wrapper is asked for; {@code checkpoint-core}
 * provides one that generates a class per wrapped type, so that a call costs a field read and a
 * branch while recording is off. Without a factory the facade wraps interfaces in a JDK proxy.
 *
 * <p>A wrapper passes every call on to the implementation and records the calls that {@link
 * MethodPlan#forWrapped(Class, Class, java.lang.reflect.Method)} plans, through {@link
 * MethodPlan#recording()}, {@link MethodPlan#start(Object[])} and {@link
 * MethodPlan#finish(dev.checkpoint.ActiveCheckpoint, Object, Throwable)}.
 */
public interface WrapperFactory {

  /**
   * Wraps an implementation.
   *
   * @param type the interface or class the wrapper is an instance of
   * @param implementation the object calls go to
   * @param <T> the wrapped type
   * @return the wrapper, or {@code null} when this factory cannot reach {@code type} (the facade
   *     then uses a JDK proxy for an interface)
   * @throws IllegalArgumentException when {@code type} cannot be wrapped at all, such as a final
   *     class, with the reason and the remedy
   */
  <T> T wrap(Class<T> type, T implementation);
}
