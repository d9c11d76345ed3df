package dev.checkpoint.junit;

import dev.checkpoint.RunId;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.core.propagation.TraceParent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The scenario run a test belongs to, as {@code checkpoint run} passes it to a {@code test} step:
 * the run id, and the tree (trace) the runner keeps as the step's asset. A parameter of tests
 * marked {@link CheckpointScenario}.
 */
public final class ScenarioRun {

  /** The environment variable with the run id; the runner sets it. */
  public static final String RUN_ID_VARIABLE = "CHECKPOINT_RUN_ID";

  /** The system property (or JUnit configuration parameter) with the run id. */
  public static final String RUN_ID_PROPERTY = "checkpoint.run.id";

  /** The environment variable with the step's W3C {@code traceparent}; the runner sets it. */
  public static final String TRACEPARENT_VARIABLE = "TRACEPARENT";

  /** The system property (or JUnit configuration parameter) with the step's traceparent. */
  public static final String TRACEPARENT_PROPERTY = "checkpoint.traceparent";

  private static final ScenarioRun NONE = new ScenarioRun(null, null);

  private final String runId;
  private final TraceParent traceParent;

  private ScenarioRun(String runId, TraceParent traceParent) {
    this.runId = runId;
    this.traceParent = traceParent;
  }

  /**
   * The run given by system properties or environment variables; properties win.
   *
   * @return the run, or one without a run id when none is given
   * @throws IllegalArgumentException when the run id is malformed
   */
  public static ScenarioRun fromEnvironment() {
    return from(System::getProperty, System::getenv);
  }

  /**
   * The run given by properties (such as JUnit configuration parameters) or environment variables;
   * properties win. A malformed {@code traceparent} is ignored: each test then starts its own tree.
   *
   * @param properties looks up {@value #RUN_ID_PROPERTY} and {@value #TRACEPARENT_PROPERTY}
   * @param environment looks up {@value #RUN_ID_VARIABLE} and {@value #TRACEPARENT_VARIABLE}
   * @return the run, or one without a run id when none is given
   * @throws IllegalArgumentException when the run id is malformed
   */
  public static ScenarioRun from(
      Function<String, String> properties, Function<String, String> environment) {
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(environment, "environment");
    String runId = first(properties.apply(RUN_ID_PROPERTY), environment.apply(RUN_ID_VARIABLE));
    if (runId == null) {
      return NONE;
    }
    if (!RunId.isValid(runId)) {
      throw new IllegalArgumentException(
          "The scenario run id '"
              + runId
              + "' (from "
              + RUN_ID_PROPERTY
              + " or "
              + RUN_ID_VARIABLE
              + ") is not a run id: it must be "
              + RunId.RULE
              + ". Unset it to run the test on its own.");
    }
    String traceparent =
        first(properties.apply(TRACEPARENT_PROPERTY), environment.apply(TRACEPARENT_VARIABLE));
    return new ScenarioRun(runId, TraceParent.parse(traceparent).orElse(null));
  }

  private static String first(String preferred, String fallback) {
    String value = preferred == null || preferred.isBlank() ? fallback : preferred;
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * The run id.
   *
   * @return the id, or empty when the test does not run in a scenario run
   */
  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  /**
   * The headers an outbound request needs to belong to this run and to the step's tree: {@code
   * baggage} with {@code checkpoint.run=<id>} and, when the runner gave one, {@code traceparent}.
   *
   * @return header name to value; empty when the test does not run in a scenario run
   */
  public Map<String, String> headers() {
    if (runId == null) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(Baggage.HEADER, Baggage.empty().with(Baggage.RUN_KEY, runId).format());
    if (traceParent != null) {
      headers.put(TraceParent.HEADER, traceParent.format());
    }
    return Map.copyOf(headers);
  }

  /**
   * The context outbound calls of a test continue: the step's tree when the runner gave a {@code
   * traceparent}, else a new tree in the run.
   *
   * @return the context, or empty when the test does not run in a scenario run
   */
  public Optional<Context> context() {
    if (runId == null) {
      return Optional.empty();
    }
    return Optional.of(
        traceParent == null
            ? Context.newTree(runId)
            : Context.of(traceParent.traceId(), traceParent.parentId(), runId));
  }

  @Override
  public String toString() {
    return runId == null
        ? "ScenarioRun{none}"
        : "ScenarioRun{runId=" + runId + ", traceparent=" + traceParent + "}";
  }
}
