package dev.checkpoint.core.internal.wrapper;

import dev.checkpoint.spi.MethodPlan;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated wrapper class of one wrapped type, and the plans of its methods for each class of
 * implementation it wraps (an annotation on the implementation's method counts too).
 */
final class WrapperClass {

  private final Constructor<?> allocator;
  private final Field target;
  private final Field plans;
  private final Class<?> type;
  private final ClassValue<Plans> plansByImplementation;

  /**
   * @param type the wrapped type
   * @param generated the generated class
   * @param allocator makes an empty instance of the generated class
   * @param methods the methods the generated class passes on and may record
   */
  WrapperClass(Class<?> type, Class<?> generated, Constructor<?> allocator, List<Method> methods) {
    allocator.setAccessible(true);
    this.type = type;
    this.allocator = allocator;
    this.target = accessibleField(generated, WrapperGenerator.TARGET);
    this.plans = accessibleField(generated, RecordingAdvice.PLANS);
    this.plansByImplementation =
        new ClassValue<>() {
          @Override
          protected Plans computeValue(Class<?> implementationClass) {
            Map<String, MethodPlan> planned = new HashMap<>();
            boolean dependency = false;
            for (Method method : methods) {
              MethodPlan plan = MethodPlan.forWrapped(type, implementationClass, method);
              if (plan != null) {
                planned.put(key(method), plan);
                dependency |= plan.dependency();
              }
            }
            return new Plans(Map.copyOf(planned), dependency);
          }
        };
  }

  /**
   * The plans of one implementation class, and whether one of its methods is a dependency, whose
   * result may come from the recording instead of the method: the generated advice always calls the
   * method, so such an implementation is wrapped by the JDK proxy, which lets the plan decide.
   */
  private record Plans(Map<String, MethodPlan> byKey, boolean dependency) {}

  /**
   * The key {@link RecordingAdvice} finds a method's plan by.
   *
   * @param method the method
   * @return its name and descriptor
   */
  static String key(Method method) {
    return method.getName()
        + MethodType.methodType(method.getReturnType(), method.getParameterTypes())
            .toMethodDescriptorString();
  }

  /**
   * Wraps one implementation.
   *
   * @param implementation the object calls go to
   * @return the wrapper, or {@code null} when the JDK proxy must wrap it (a dependency method)
   * @throws IllegalArgumentException when a wrapped class has a dependency method
   */
  Object wrap(Object implementation) {
    Plans planned = plansByImplementation.get(implementation.getClass());
    if (planned.dependency()) {
      if (type.isInterface()) {
        return null;
      }
      throw new IllegalArgumentException(
          "Checkpoints.wrap cannot answer the @Checkpoint(dependency = true) methods of the class "
              + type.getName()
              + " from a recording. Wrap an interface it implements instead.");
    }
    try {
      Object wrapper = allocator.newInstance();
      target.set(wrapper, implementation);
      plans.set(wrapper, planned.byKey());
      return wrapper;
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      // The generated class is ours, with the fields and the constructor made accessible above.
      throw new IllegalStateException("Cannot instantiate " + target.getDeclaringClass(), e);
    }
  }

  private static Field accessibleField(Class<?> generated, String name) {
    try {
      Field field = generated.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(generated + " lacks its field " + name, e);
    }
  }
}
