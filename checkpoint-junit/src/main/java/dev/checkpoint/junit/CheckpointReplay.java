package dev.checkpoint.junit;

import dev.checkpoint.junit.internal.ReplayExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Answers a component's outbound HTTP and SQL calls from recorded checkpoints while a test runs,
 * and records them when the asset is missing or update mode is on.
 *
 * <pre>{@code
 * @CheckpointReplay(scenario = "pricing", step = "quote")
 * class PriceQuoterTest {
 *   @Test
 *   void quotes(Replay replay) {
 *     PriceQuoter quoter = new PriceQuoter(replay.baseUri(taxService), replay.dataSource(prices));
 *     assertEquals(1190, quoter.quote(new QuoteRequest("A-1", 2)).totalCents());
 *   }
 * }
 * }</pre>
 *
 * <p>The test takes a {@link Replay} parameter: in the test method, in a {@code @BeforeEach}
 * method, or in a {@code @ParameterizedTest} after its recorded arguments. While replaying, {@link
 * Replay#baseUri()} is a stub HTTP server on 127.0.0.1 that answers the asset's {@code HTTP_CLIENT}
 * checkpoints, and {@link Replay#dataSource()} a {@code DataSource} that answers its {@code SQL}
 * checkpoints. A call that no recorded call matches fails the test (the stub answers status 599
 * with the explanation, the data source throws a {@code SQLException}), naming the closest recorded
 * calls and what differed. In strict mode (the default) a recorded call the component never made
 * fails the test too.
 *
 * <p>The asset is {@code checkpoints/<scenario>/<step>.json}: read from the assets directory
 * ({@code src/test/resources/checkpoints}, configuration parameter {@code checkpoint.assets.dir})
 * when the file is there, else from the class path. A test of a {@code @CheckpointSource} method
 * that takes the {@link RecordedCall} is answered from that call's own recorded downstream calls
 * instead, and never records.
 *
 * <p>See {@link RecordMode} for when the test records, and {@link Replay} for what recording does.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ReplayExtension.class)
public @interface CheckpointReplay {

  /**
   * The scenario, the directory of the asset.
   *
   * @return the scenario; by default the test class's simple name
   */
  String scenario() default "";

  /**
   * The step, the file name of the asset without {@code .json}.
   *
   * @return the step; by default the test method's name
   */
  String step() default "";

  /**
   * Whether a recorded call the component never made fails the test.
   *
   * @return {@code true} by default
   */
  boolean strict() default true;

  /**
   * When to record; overridden by {@code CI=true} and {@code -Dcheckpoint.update=true}.
   *
   * @return {@link RecordMode#ONCE} by default
   */
  RecordMode mode() default RecordMode.ONCE;

  /**
   * The service name recorded checkpoints get while recording.
   *
   * @return {@code test} by default
   */
  String service() default "test";
}
