package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.Checkpoint;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Which methods of a Spring bean {@link Checkpoint} covers: a method annotated itself (or whose
 * declaration in an interface or superclass is), or declared by a type annotated with it, where
 * that type is the method's class or an interface of it declaring the method too (a Spring Data
 * repository interface, or an interface a bean implements). Spring MVC's {@code @InitBinder}
 * methods are never checkpoints: they prepare the data binder, several times per request.
 *
 * <p>Where the annotation marks something a Spring proxy cannot intercept (a private, final or
 * static method; a final class), it is logged once per type, with what to change.
 */
final class CheckpointTargets {

  /** The annotation that covers a method, and the one on the method itself if any. */
  record Found(Checkpoint onMethod, Checkpoint applies) {}

  private static final System.Logger LOG = System.getLogger(CheckpointTargets.class.getName());

  private static final Class<? extends Annotation> INIT_BINDER =
      annotation("org.springframework.web.bind.annotation.InitBinder");

  /**
   * Whether each bean class examined can be proxied. Per application context, not static, so that
   * the classes of a closed context can be unloaded.
   */
  private final Map<Class<?>, Boolean> proxiable = new ConcurrentHashMap<>();

  /**
   * The annotation covering a method, as the bean's proxy calls it.
   *
   * @param method the most specific method of the bean's class
   * @return what covers it, or {@code null} when it is not recorded
   */
  static Found find(Method method) {
    Checkpoint onMethod = AnnotatedElementUtils.findMergedAnnotation(method, Checkpoint.class);
    Checkpoint applies = onMethod != null ? onMethod : onType(method);
    if (applies == null || !interceptable(method) || isBinder(method)) {
      return null;
    }
    return new Found(onMethod, applies);
  }

  /**
   * Whether a bean class may get a proxy for its {@code @Checkpoint} methods; logs once, per class,
   * the methods it marks that cannot be recorded, and a final class, which cannot be subclassed:
   * giving it a proxy would fail the application's start.
   *
   * @param beanClass the bean's class
   * @return {@code false} for a final class with covered methods
   */
  boolean proxiable(Class<?> beanClass) {
    if (Proxy.isProxyClass(beanClass)) {
      return true;
    }
    return proxiable.computeIfAbsent(
        ClassUtils.getUserClass(beanClass), CheckpointTargets::examine);
  }

  private static boolean examine(Class<?> type) {
    List<String> covered = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, m -> !m.isSynthetic())) {
      if (method.getDeclaringClass() == Object.class
          || (AnnotatedElementUtils.findMergedAnnotation(method, Checkpoint.class) == null
              && onType(method) == null)) {
        continue;
      }
      covered.add(method.getName());
      if (!interceptable(method)) {
        lost.add(method.getName() + " (" + Modifier.toString(method.getModifiers()) + ")");
      }
    }
    if (!covered.isEmpty() && Modifier.isFinal(type.getModifiers())) {
      LOG.log(
          System.Logger.Level.WARNING,
          "@Checkpoint on {0} is not applied: the class is final, and Spring''s proxies cannot"
              + " subclass it. Make it not final to record {1}.",
          type.getName(),
          covered);
      return false;
    }
    if (!lost.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "@Checkpoint on {0}: {1} cannot be recorded, because Spring''s proxies cannot intercept"
              + " private, final or static methods (nor calls a bean makes to itself). Make them"
              + " public and not final, or record them with Checkpoints.record(...).",
          type.getName(),
          lost);
    }
    return true;
  }

  /** The annotation on the method's class, or on an interface of it that declares the method. */
  private static Checkpoint onType(Method method) {
    Class<?> declaring = method.getDeclaringClass();
    if (declaring == Object.class) {
      return null;
    }
    Checkpoint own = declaring.getAnnotation(Checkpoint.class);
    if (own != null) {
      return own;
    }
    for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(declaring)) {
      Checkpoint onInterface = candidate.getAnnotation(Checkpoint.class);
      if (onInterface != null && declares(candidate, method)) {
        return onInterface;
      }
    }
    return null;
  }

  private static boolean declares(Class<?> type, Method method) {
    try {
      type.getDeclaredMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static boolean interceptable(Method method) {
    int modifiers = method.getModifiers();
    // A JDK proxy's own methods are final, but they are the interface's, which the proxy handles.
    return !Modifier.isPrivate(modifiers)
        && !Modifier.isStatic(modifiers)
        && (!Modifier.isFinal(modifiers) || Proxy.isProxyClass(method.getDeclaringClass()));
  }

  private static boolean isBinder(Method method) {
    return INIT_BINDER != null && AnnotatedElementUtils.hasAnnotation(method, INIT_BINDER);
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Annotation> annotation(String name) {
    ClassLoader loader = CheckpointTargets.class.getClassLoader();
    return ClassUtils.isPresent(name, loader)
        ? (Class<? extends Annotation>) ClassUtils.resolveClassName(name, loader)
        : null;
  }
}
