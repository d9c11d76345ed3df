package dev.checkpoint.internal;

import dev.checkpoint.spi.WrapperFactory;
import java.lang.System.Logger.Level;
import java.lang.reflect.Proxy;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Makes the wrappers of {@code Checkpoints.wrap}: through the {@link WrapperFactory} found on the
 * class path, or a JDK proxy when there is none or it cannot reach the type.
 */
public final class Wrappers {

  private static final System.Logger LOG = System.getLogger(Wrappers.class.getName());

  private Wrappers() {}

  /** Discovery runs on the first wrap, not when the API loads: the holder idiom. */
  private static final class Factory {
    static final WrapperFactory INSTANCE = load();
  }

  /**
   * Wraps an implementation.
   *
   * @param type the interface, or with a factory also a class
   * @param implementation the object calls go to
   * @param <T> the wrapped type
   * @return the wrapper
   * @throws IllegalArgumentException when {@code type} cannot be wrapped
   */
  public static <T> T wrap(Class<T> type, T implementation) {
    WrapperFactory factory = Factory.INSTANCE;
    if (factory != null) {
      T wrapper = factory.wrap(type, implementation);
      if (wrapper != null) {
        return wrapper;
      }
    }
    return proxy(type, implementation);
  }

  /**
   * Wraps an implementation of an interface in a JDK proxy.
   *
   * @param type the interface
   * @param implementation the object calls go to
   * @param <T> the interface type
   * @return the proxy
   * @throws IllegalArgumentException when {@code type} is a class
   */
  public static <T> T proxy(Class<T> type, T implementation) {
    if (!type.isInterface()) {
      throw new IllegalArgumentException(
          "Checkpoints.wrap needs an interface, but "
              + type.getName()
              + " is a class. Put checkpoint-core on the class path to wrap classes, extract an"
              + " interface for the methods to record, or use the Spring aspect or the agent.");
    }
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            new CheckpointInvocationHandler(type, implementation));
    return type.cast(proxy);
  }

  private static WrapperFactory load() {
    try {
      Iterator<WrapperFactory> factories =
          ServiceLoader.load(WrapperFactory.class, Wrappers.class.getClassLoader()).iterator();
      if (factories.hasNext()) {
        return factories.next();
      }
    } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
      LOG.log(
          Level.WARNING,
          "Checkpoints.wrap uses JDK proxies because the wrapper factory could not be created: "
              + e.getMessage(),
          e);
    }
    return null;
  }
}
