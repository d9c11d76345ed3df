package dev.checkpoint.core.internal.wrapper;

import static net.bytebuddy.matcher.ElementMatchers.isEquals;
import static net.bytebuddy.matcher.ElementMatchers.isHashCode;
import static net.bytebuddy.matcher.ElementMatchers.isToString;

import dev.checkpoint.spi.MethodPlan;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.modifier.SyntheticState;
import net.bytebuddy.description.modifier.TypeManifestation;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.loading.MultipleParentClassLoader;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.implementation.StubMethod;

/**
 * Generates the wrapper class of one interface or class: a final class that implements the
 * interface (or extends the class) and passes every call on to the implementation held in a field,
 * with {@link RecordingAdvice} around it.
 *
 * <p>Where the class is defined decides what it can reach. In the wrapped type's own package and
 * class loader (through a private lookup, which needs the package open to this module), it reaches
 * package-private types and methods. Elsewhere, in a class loader of its own that sees both the
 * wrapped type and the API, it reaches public interfaces of exported packages only: there an
 * interface it cannot reach falls back to a JDK proxy, and a class is rejected.
 */
final class WrapperGenerator {

  /** The wrapper's field holding the implementation. */
  static final String TARGET = "target";

  private static final String SUFFIX = "$$CheckpointWrapper";

  /** Where a wrapper defined in a class loader of its own is named. */
  private static final String OWN_PACKAGE = "dev.checkpoint.wrapped.";

  private WrapperGenerator() {}

  /**
   * Generates the wrapper class of {@code type}.
   *
   * @param type the wrapped interface or class
   * @return the wrapper class, or {@code null} when an interface cannot be reached from here
   * @throws IllegalArgumentException when a class cannot be wrapped, with the reason and remedy
   */
  static WrapperClass generate(Class<?> type) {
    boolean inPackage = canDefineInPackage(type);
    if (!type.isInterface()) {
      checkExtendable(type, inPackage);
    } else if (!inPackage && !isPublicAndExported(type)) {
      return null;
    }
    List<Method> methods = wrappedMethods(type);
    if (!inPackage && !methods.stream().allMatch(WrapperGenerator::hasPublicSignature)) {
      return null;
    }
    DynamicType.Unloaded<?> unloaded = build(type, methods, inPackage);
    Class<?> generated;
    if (inPackage) {
      generated = unloaded.load(type.getClassLoader(), lookupStrategy(type)).getLoaded();
    } else {
      ClassLoader parent =
          new MultipleParentClassLoader.Builder().append(type, MethodPlan.class).build();
      generated = unloaded.load(parent, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
    }
    return new WrapperClass(type, generated, allocator(type, generated), methods);
  }

  private static DynamicType.Unloaded<?> build(
      Class<?> type, List<Method> methods, boolean inPackage) {
    DynamicType.Builder<?> builder =
        type.isInterface()
            ? new ByteBuddy()
                .subclass(Object.class, ConstructorStrategy.Default.DEFAULT_CONSTRUCTOR)
                .implement(type)
            : new ByteBuddy().subclass(type, ConstructorStrategy.Default.NO_CONSTRUCTORS);
    try {
      builder =
          builder
              .name(inPackage ? type.getName() + SUFFIX : OWN_PACKAGE + type.getName() + SUFFIX)
              .modifiers(Visibility.PUBLIC, TypeManifestation.FINAL, SyntheticState.SYNTHETIC)
              .defineField(TARGET, type, Visibility.PRIVATE)
              .defineField(RecordingAdvice.PLANS, Map.class, Visibility.PRIVATE);
      for (Method method : methods) {
        String key = WrapperClass.key(method);
        builder =
            builder
                .method(
                    (MethodDescription m) ->
                        key.equals(m.getInternalName() + m.asDefined().getDescriptor()))
                .intercept(
                    Advice.withCustomMapping()
                        .bind(PlanKey.class, key)
                        .to(RecordingAdvice.class)
                        .wrap(MethodCall.invokeSelf().onField(TARGET).withAllArguments()));
      }
      return builder
          .method(isToString())
          .intercept(MethodCall.invoke(Object.class.getMethod("toString")).onField(TARGET))
          .method(isHashCode())
          .intercept(
              MethodCall.invoke(System.class.getMethod("identityHashCode", Object.class))
                  .withThis())
          .method(isEquals())
          .intercept(Advice.to(IdentityEquals.class).wrap(StubMethod.INSTANCE))
          .make();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("java.lang lacks a method every JDK has", e);
    }
  }

  /**
   * The methods a wrapper passes on: every public one, and for a class the protected and
   * package-private ones of its own package (only code there can call them on the wrapper), less
   * the {@code Object} methods the wrapper answers itself and {@code finalize}, which would
   * finalize the implementation twice.
   */
  private static List<Method> wrappedMethods(Class<?> type) {
    Map<String, Method> byKey = new LinkedHashMap<>();
    for (Method method : type.getMethods()) {
      add(byKey, method);
    }
    if (!type.isInterface()) {
      for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
        if (c.getClassLoader() == type.getClassLoader()
            && c.getPackageName().equals(type.getPackageName())) {
          for (Method method : c.getDeclaredMethods()) {
            if (!Modifier.isPrivate(method.getModifiers())) {
              add(byKey, method);
            }
          }
        }
      }
    }
    return new ArrayList<>(byKey.values());
  }

  private static void add(Map<String, Method> byKey, Method method) {
    int modifiers = method.getModifiers();
    if (Modifier.isStatic(modifiers)
        || method.isSynthetic()
        || method.getDeclaringClass() == Object.class
        || isObjectMethod(method)) {
      return;
    }
    byKey.putIfAbsent(WrapperClass.key(method), method);
  }

  private static boolean isObjectMethod(Method method) {
    String name = method.getName();
    int parameters = method.getParameterCount();
    return parameters == 0
            && (name.equals("hashCode") || name.equals("toString") || name.equals("finalize"))
        || parameters == 1
            && name.equals("equals")
            && method.getParameterTypes()[0] == Object.class;
  }

  private static void checkExtendable(Class<?> type, boolean inPackage) {
    if (Modifier.isFinal(type.getModifiers()) || type.isSealed()) {
      throw new IllegalArgumentException(
          "Checkpoints.wrap cannot wrap "
              + type.getName()
              + ": the class is "
              + (type.isSealed() ? "sealed" : "final")
              + ", so no wrapper can extend it. Wrap an interface it implements instead.");
    }
    for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        int modifiers = method.getModifiers();
        if (Modifier.isFinal(modifiers)
            && !Modifier.isStatic(modifiers)
            && !Modifier.isPrivate(modifiers)
            && !method.isSynthetic()) {
          throw new IllegalArgumentException(
              "Checkpoints.wrap cannot wrap "
                  + type.getName()
                  + ": its method "
                  + method
                  + " is final, so a call to it would run on the wrapper instead of reaching the"
                  + " implementation. Make the method non-final, or wrap an interface.");
        }
      }
    }
    if (!inPackage) {
      throw new IllegalArgumentException(
          "Checkpoints.wrap cannot wrap the class "
              + type.getName()
              + ": its wrapper must be defined in its package, and "
              + unreachableReason(type)
              + ". Open the package to checkpoint-core in a module that reads checkpoint-api, or"
              + " wrap an interface.");
    }
  }

  private static String unreachableReason(Class<?> type) {
    if (!seesTheApi(type.getClassLoader())) {
      return "its class loader does not see checkpoint-api";
    }
    if (!type.getModule().canRead(MethodPlan.class.getModule())) {
      return "its module " + type.getModule().getName() + " does not read checkpoint-api";
    }
    return "its module "
        + type.getModule().getName()
        + " does not open "
        + type.getPackageName()
        + " to checkpoint-core";
  }

  /**
   * Whether the wrapper can live in the wrapped type's package: the package is open to this module
   * (so a private lookup can define a class there), and the type's module and class loader reach
   * the API the wrapper calls.
   */
  private static boolean canDefineInPackage(Class<?> type) {
    Module module = type.getModule();
    return module.isOpen(type.getPackageName(), WrapperGenerator.class.getModule())
        && module.canRead(MethodPlan.class.getModule())
        && seesTheApi(type.getClassLoader());
  }

  private static boolean seesTheApi(ClassLoader loader) {
    try {
      return Class.forName(MethodPlan.class.getName(), false, loader) == MethodPlan.class;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static boolean isPublicAndExported(Class<?> type) {
    return Modifier.isPublic(type.getModifiers())
        && type.getModule().isExported(type.getPackageName());
  }

  private static boolean hasPublicSignature(Method method) {
    if (!isPublicAndExported(method.getDeclaringClass()) || !isReachable(method.getReturnType())) {
      return false;
    }
    for (Class<?> parameter : method.getParameterTypes()) {
      if (!isReachable(parameter)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isReachable(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    return element.isPrimitive() || isPublicAndExported(element);
  }

  private static ClassLoadingStrategy<ClassLoader> lookupStrategy(Class<?> type) {
    try {
      return ClassLoadingStrategy.UsingLookup.of(
          MethodHandles.privateLookupIn(type, MethodHandles.lookup()));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(type.getPackageName() + " was open, and is not now", e);
    }
  }

  /**
   * What makes an empty wrapper: the generated public constructor for an interface; for a class,
   * one that runs no constructor of the class, since the wrapper's inherited fields stay unused and
   * a constructor could have effects or need arguments.
   */
  private static Constructor<?> allocator(Class<?> type, Class<?> generated) {
    try {
      if (type.isInterface()) {
        return generated.getConstructor();
      }
      Class<?> factoryClass = Class.forName("sun.reflect.ReflectionFactory");
      Object factory = factoryClass.getMethod("getReflectionFactory").invoke(null);
      return (Constructor<?>)
          factoryClass
              .getMethod("newConstructorForSerialization", Class.class, Constructor.class)
              .invoke(factory, generated, Object.class.getDeclaredConstructor());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Cannot make instances of the wrapper of "
              + type.getName()
              + " without running a constructor of the class, as this JDK's"
              + " sun.reflect.ReflectionFactory did: "
              + e,
          e);
    }
  }
}
