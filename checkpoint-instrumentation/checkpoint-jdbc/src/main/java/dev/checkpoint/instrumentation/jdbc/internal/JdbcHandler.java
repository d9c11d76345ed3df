package dev.checkpoint.instrumentation.jdbc.internal;

import dev.checkpoint.core.instrumentation.InstrumentationLog;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Wrapper;

/**
 * The common part of every JDBC proxy: identity {@code equals}/{@code hashCode}, {@link Wrapper}
 * semantics, and calling the delegate so that its exceptions reach the application unchanged.
 *
 * @param <T> the wrapped JDBC interface
 */
abstract class JdbcHandler<T> implements InvocationHandler {

  /** One log for the whole JDBC instrumentation: it warns once, whichever proxy fails first. */
  static final InstrumentationLog LOG =
      new InstrumentationLog("dev.checkpoint.instrumentation.jdbc");

  final T delegate;

  JdbcHandler(T delegate) {
    this.delegate = delegate;
  }

  static <T> T proxy(Class<T> type, JdbcHandler<?> handler) {
    return type.cast(
        Proxy.newProxyInstance(JdbcHandler.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  @Override
  public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    int arity = args == null ? 0 : args.length;
    switch (method.getName()) {
      case "equals":
        if (arity == 1 && method.getParameterTypes()[0] == Object.class) {
          // Pools keep connections in identity-based collections; the proxy is its own identity.
          return proxy == args[0];
        }
        break;
      case "hashCode":
        if (arity == 0) {
          return System.identityHashCode(proxy);
        }
        break;
      case "unwrap":
        if (arity == 1 && args[0] instanceof Class<?> type) {
          return unwrap(proxy, type, method, args);
        }
        break;
      case "isWrapperFor":
        if (arity == 1 && args[0] instanceof Class<?> type) {
          return type.isInstance(proxy)
              || type.isInstance(delegate)
              || (boolean) call(method, args);
        }
        break;
      default:
        break;
    }
    return handle(proxy, method, args);
  }

  private Object unwrap(Object proxy, Class<?> type, Method method, Object[] args)
      throws Throwable {
    if (type.isInstance(proxy)) {
      // Unwrapping to a standard interface keeps recording, as the JDBC contract allows.
      return proxy;
    }
    if (type.isInstance(delegate)) {
      return delegate;
    }
    return call(method, args);
  }

  /** Handles every method but the {@link Object} and {@link Wrapper} ones. */
  abstract Object handle(Object proxy, Method method, Object[] args) throws Throwable;

  /** Calls the delegate, rethrowing what it threw exactly as thrown. */
  final Object call(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
