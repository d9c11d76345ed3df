package dev.checkpoint.internal;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.spi.MethodPlan;
import dev.checkpoint.spi.Recorder;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** Records the {@link Checkpoint}-annotated methods of an interface proxied by the facade. */
public final class CheckpointInvocationHandler implements InvocationHandler {

  private final Object target;
  private final Map<Method, MethodPlan> plans;

  /**
   * Plans every method of {@code type} once, so a call only looks its plan up.
   *
   * @param type the proxied interface
   * @param target the implementation calls go to
   */
  public CheckpointInvocationHandler(Class<?> type, Object target) {
    this.target = target;
    Map<Method, MethodPlan> planned = new HashMap<>();
    for (Method method : type.getMethods()) {
      MethodPlan plan = MethodPlan.forWrapped(type, target.getClass(), method);
      if (plan != null) {
        planned.put(method, plan);
      }
    }
    this.plans = Collections.unmodifiableMap(planned);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return invokeObjectMethod(proxy, method, args);
    }
    Recorder recorder = RecorderHolder.get();
    MethodPlan plan;
    if (!recorder.isEnabled() || (plan = plans.get(method)) == null) {
      return invokeTarget(method, args);
    }
    return plan.record(recorder, args, () -> invokeTarget(method, args));
  }

  private Object invokeObjectMethod(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("equals")) {
      return proxy == args[0];
    }
    if (method.getName().equals("hashCode")) {
      return System.identityHashCode(proxy);
    }
    return invokeTarget(method, args);
  }

  private Object invokeTarget(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } catch (IllegalAccessException e) {
      // A non-public interface: the proxy's Method objects are shared constants, so making
      // one accessible once lasts for every later call.
      if (!method.trySetAccessible()) {
        throw new IllegalStateException(
            "Checkpoints.wrap cannot call "
                + method
                + "; make the interface public or open its package to dev.checkpoint.",
            e);
      }
      return invokeTarget(method, args);
    }
  }
}
