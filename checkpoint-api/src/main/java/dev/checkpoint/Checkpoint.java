package dev.checkpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose input and output are recorded as a {@link Kind#METHOD} checkpoint. On an
 * interface or class it marks every method declared there.
 *
 * <p>The annotation does nothing by itself. It is applied by {@link Checkpoints#wrap(Class,
 * Object)} for plain Java interfaces (and, with {@code checkpoint-core}, non-final classes), by the
 * Spring Boot starter's aspect, or by the agent.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Checkpoint {

  /**
   * The checkpoint name; empty means {@code SimpleClassName.method} of the declaring type.
   *
   * @return the name to record under
   */
  String value() default "";

  /**
   * Whether the arguments are recorded as the checkpoint's input. Turn off for arguments that are
   * large or sensitive beyond what key-based redaction catches.
   *
   * @return {@code false} to record no input
   */
  boolean captureArguments() default true;

  /**
   * Whether the return value is recorded as the checkpoint's output.
   *
   * @return {@code false} to record no output
   */
  boolean captureResult() default true;

  /**
   * Whether the method is a dependency of the code around it (a call to something outside, like a
   * client of another system): its checkpoint is marked so, and a service in REPLAY mode gives back
   * the recorded return value or exception instead of running the method.
   *
   * @return {@code true} for a dependency
   */
  boolean dependency() default false;
}
