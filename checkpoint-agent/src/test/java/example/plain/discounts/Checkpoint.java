package example.plain.discounts;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * The application's own {@code @Checkpoint}, copied into its code instead of a Checkpoint
 * dependency: the agent applies any run-time annotation of that name.
 */
@Retention(RetentionPolicy.RUNTIME)
@interface Checkpoint {
  String value() default "";
}
