package dev.checkpoint.agent.internal.bootstrap;

import dev.checkpoint.Checkpoint;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The {@code @Checkpoint} on a method or a type: {@link Checkpoint} itself, or an annotation of the
 * application's own named {@code Checkpoint}, in its own package (such as {@code
 * com.acme.Checkpoint}, copied into its code so that it needs no Checkpoint dependency), read as
 * the API's: its {@code value()}, {@code captureArguments()}, {@code captureResult()} and {@code
 * dependency()} where it declares them, the API's defaults where it does not.
 */
public final class CheckpointAnnotations {

  /** The simple name that marks an application's own annotation. */
  public static final String SIMPLE_NAME = "Checkpoint";

  private CheckpointAnnotations() {}

  /**
   * The annotation on {@code element}.
   *
   * @param element a method or a type
   * @return the annotation, as the API's, or {@code null}
   */
  static Checkpoint on(AnnotatedElement element) {
    Checkpoint own = element.getAnnotation(Checkpoint.class);
    if (own != null) {
      return own;
    }
    for (Annotation annotation : element.getAnnotations()) {
      // A top-level annotation type, as the agent's matcher takes it.
      if (annotation.annotationType().getName().endsWith("." + SIMPLE_NAME)) {
        return new Copied(
            attribute(annotation, "value", String.class, ""),
            attribute(annotation, "captureArguments", Boolean.class, true),
            attribute(annotation, "captureResult", Boolean.class, true),
            attribute(annotation, "dependency", Boolean.class, false));
      }
    }
    return null;
  }

  /** An application's annotation, as the API's. */
  private record Copied(
      String value, boolean captureArguments, boolean captureResult, boolean dependency)
      implements Checkpoint {
    @Override
    public Class<? extends Annotation> annotationType() {
      return Checkpoint.class;
    }
  }

  private static <T> T attribute(Annotation annotation, String name, Class<T> type, T absent) {
    Method method;
    try {
      method = annotation.annotationType().getMethod(name);
    } catch (NoSuchMethodException e) {
      return absent;
    }
    Class<?> returned =
        method.getReturnType() == boolean.class ? Boolean.class : method.getReturnType();
    if (returned != type) {
      return absent;
    }
    try {
      // The application's annotation may be package-private; its module is unnamed, so open.
      method.setAccessible(true);
      return type.cast(method.invoke(annotation));
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      return absent;
    }
  }
}
