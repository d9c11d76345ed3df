package dev.checkpoint.agent.internal;

import dev.checkpoint.agent.internal.bootstrap.CheckpointAnnotations;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Which annotation types the agent applies as {@code @Checkpoint}: the API's {@code
 * dev.checkpoint.Checkpoint}, and an application's own annotation whose simple name is {@code
 * Checkpoint}, retained at run time (where the advice reads it), in any package. A team then copies
 * a one-line annotation into its code instead of depending on {@code checkpoint-api}.
 */
final class CheckpointAnnotationTypes {

  static final String API = "dev.checkpoint.Checkpoint";

  /**
   * What every such annotation's descriptor ends with: {@code Ldev/checkpoint/Checkpoint;}, {@code
   * Lcom/acme/Checkpoint;}.
   */
  static final String DESCRIPTOR_END = "/" + CheckpointAnnotations.SIMPLE_NAME + ";";

  private CheckpointAnnotationTypes() {}

  /** The annotation types, for Byte Buddy's {@code isAnnotatedWith}. */
  static ElementMatcher.Junction<TypeDescription> matcher() {
    return new ElementMatcher.Junction.AbstractBase<>() {
      @Override
      public boolean matches(TypeDescription type) {
        String name = type.getName();
        if (name.equals(API)) {
          return true;
        }
        if (!name.endsWith("." + CheckpointAnnotations.SIMPLE_NAME)) {
          return false;
        }
        try {
          AnnotationDescription.Loadable<Retention> retention =
              type.getDeclaredAnnotations().ofType(Retention.class);
          return type.isAnnotation()
              && retention != null
              && retention.load().value() == RetentionPolicy.RUNTIME;
        } catch (RuntimeException unresolved) {
          // An annotation whose class file is not there is no application's @Checkpoint.
          return false;
        }
      }
    };
  }

  /**
   * Whether a class file's annotation is one, from its descriptor as ASM gives it.
   *
   * @param descriptor the annotation type's descriptor
   * @param visible whether it is retained at run time
   */
  static boolean isOne(String descriptor, boolean visible) {
    return visible && descriptor.endsWith(DESCRIPTOR_END);
  }
}
