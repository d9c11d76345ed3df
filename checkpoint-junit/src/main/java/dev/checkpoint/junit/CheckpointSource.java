package dev.checkpoint.junit;

import dev.checkpoint.junit.internal.CheckpointArgumentsProvider;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Supplies a {@code @ParameterizedTest} with every recorded call of one component, read from the
 * assets on the class path (under {@code checkpoints/}, as {@code AssetLayout} writes them to
 * {@code src/test/resources/checkpoints}):
 *
 * <pre>{@code
 * @ParameterizedTest
 * @CheckpointSource(name = "PaymentService.authorize")
 * void authorizesAsRecorded(PaymentRequest request, RecordedCall recorded) {
 *   CheckpointAssertions.assertMatchesRecorded(service.authorize(request), recorded);
 * }
 * }</pre>
 *
 * <p>The test's parameters are bound in this order:
 *
 * <ol>
 *   <li>A parameter of type {@link RecordedCall} receives the call: input, output, error, key and
 *       the asset it came from.
 *   <li>When the recorded input is an object keyed by parameter name (as {@code @Checkpoint}
 *       methods record their arguments), a parameter with the name of a field receives that field's
 *       value. Parameter names need the {@code -parameters} compiler option.
 *   <li>When no parameter matched by name and the input is not empty, the first remaining parameter
 *       receives the input: the value of its only field if it has exactly one, else the whole
 *       input.
 *   <li>When exactly one parameter remains and it is the last, it receives the recorded output.
 * </ol>
 *
 * Values are converted to the parameters' types with Jackson (with {@code java.time} and {@code
 * Optional} support, ignoring properties the type does not have). Each invocation is named after
 * the asset and the call's position in it, such as {@code payments/authorize.json #2}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(CheckpointArgumentsProvider.class)
public @interface CheckpointSource {

  /**
   * The checkpoint name of the component's calls, such as {@code PaymentService.authorize}.
   *
   * @return the name
   */
  String name();

  /**
   * The class path directory holding the assets.
   *
   * @return the directory, {@code checkpoints} by default
   */
  String root() default "checkpoints";
}
