package dev.checkpoint.junit;

import dev.checkpoint.junit.internal.ScenarioRunExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit test as a scenario: when {@code checkpoint run} runs it from a {@code test} step,
 * the requests it sends belong to the scenario run, so services in {@code ON_DEMAND} mode record
 * them and the runner keeps what they cause as the step's asset.
 *
 * <p>The runner passes the run to the test's JVM as {@code CHECKPOINT_RUN_ID} and {@code
 * TRACEPARENT} (environment variables, or the system properties / configuration parameters {@code
 * checkpoint.run.id} and {@code checkpoint.traceparent}). For each test the run's context is made
 * current, so clients instrumented by Checkpoint send {@code baggage: checkpoint.run=<id>} and the
 * {@code traceparent} themselves, provided the test JVM records (its {@code CHECKPOINT_MODE} is
 * {@code ON_DEMAND} or {@code ON}): a recorder in mode {@code OFF} propagates nothing. Any other
 * client adds the headers of a {@link ScenarioRun} parameter:
 *
 * <pre>{@code
 * @CheckpointScenario
 * class CheckoutIT {
 *   @Test
 *   void placesAnOrder(ScenarioRun run) throws Exception {
 *     HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(orders + "/orders"));
 *     run.headers().forEach(request::header);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Without a run id the extension does nothing and the test runs as a normal test; {@link
 * ScenarioRun#headers()} is then empty.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ScenarioRunExtension.class)
public @interface CheckpointScenario {}
