package dev.checkpoint.core.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * The base of the replayed JDBC objects: JDK dynamic proxies, chosen over hand-written classes as
 * in the JDBC instrumentation, since the interfaces have hundreds of methods of which a few dozen
 * need an answer. Handles the object methods, wrappers and closing that every JDBC object shares;
 * methods without a replayed meaning get {@link #defaults}.
 */
abstract class ReplayHandler implements InvocationHandler {
  /** The proxy this handler answers for. */
  Object self;

  boolean closed;

  /** Creates the proxy of {@code type} answered by {@code handler}. */
  static <T> T proxy(Class<T> type, ReplayHandler handler) {
    Object proxy =
        Proxy.newProxyInstance(
            ReplayHandler.class.getClassLoader(), new Class<?>[] {type}, handler);
    handler.self = proxy;
    return type.cast(proxy);
  }

  @Override
  public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    Object[] arguments = args == null ? new Object[0] : args;
    switch (name) {
      case "toString":
        if (arguments.length == 0) {
          return describe();
        }
        break;
      case "hashCode":
        if (arguments.length == 0) {
          return System.identityHashCode(proxy);
        }
        break;
      case "equals":
        if (arguments.length == 1) {
          return proxy == arguments[0];
        }
        break;
      case "unwrap":
        if (((Class<?>) arguments[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException("A replayed " + describe() + " wraps no " + arguments[0]);
      case "isWrapperFor":
        return ((Class<?>) arguments[0]).isInstance(proxy);
      case "isClosed":
        return closed;
      case "close":
        closed = true;
        return null;
      default:
        break;
    }
    return handle(method, name, arguments);
  }

  abstract Object handle(Method method, String name, Object[] args) throws Exception;

  abstract String describe();

  /* What methods without a replayed meaning answer: setters and hints do nothing. */
  Object defaults(Method method) throws SQLException {
    Class<?> type = method.getReturnType();
    String name = method.getName();
    if (type == void.class) {
      return null;
    }
    if (name.startsWith("get") || name.startsWith("is") || name.startsWith("supports")) {
      if (type == boolean.class) {
        return false;
      }
      if (type == int.class) {
        return 0;
      }
      if (type == long.class) {
        return 0L;
      }
      if (type == String.class) {
        return null;
      }
    }
    throw new SQLFeatureNotSupportedException(
        "A replayed "
            + describe()
            + " does not support "
            + name
            + "(): Checkpoint replays statements, their bind values, rows and update counts."
            + " Test this code against a database, or read the rows by label or index.");
  }
}
