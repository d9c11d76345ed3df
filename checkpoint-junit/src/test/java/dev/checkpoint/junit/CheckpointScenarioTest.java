package dev.checkpoint.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.checkpoint.RunId;
import dev.checkpoint.core.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;

class CheckpointScenarioTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT = "b7ad6b7169203331";

  /** What the tests below saw; filled by the engine run of each test here. */
  static final List<Object> seen = new CopyOnWriteArrayList<>();

  @CheckpointScenario
  static class Checkout {
    @BeforeEach
    void before() {
      seen.add("before " + Context.current());
    }

    @Test
    void placesAnOrder(ScenarioRun run) {
      seen.add(run);
      seen.add("test " + Context.current());
    }

    @AfterEach
    void after() {
      seen.add("after " + Context.current());
    }
  }

  @Test
  void theRunIdAndTraceOfTheRunnerAreTheContextOfEachTestAndItsHeaders() {
    seen.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Checkout.class))
        .configurationParameter(ScenarioRun.RUN_ID_PROPERTY, "shop-20261202-014200-000")
        .configurationParameter(
            ScenarioRun.TRACEPARENT_PROPERTY, "00-" + TRACE + "-" + PARENT + "-01")
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1).failed(0));

    String context =
        "Context{traceId="
            + TRACE
            + ", checkpointId="
            + PARENT
            + ", runId=shop-20261202-014200-000}";
    assertThat(seen).element(0).isEqualTo("before " + context);
    ScenarioRun run = (ScenarioRun) seen.get(1);
    assertThat(run.runId()).contains("shop-20261202-014200-000");
    assertThat(run.headers())
        .isEqualTo(
            Map.of(
                "baggage",
                "checkpoint.run=shop-20261202-014200-000",
                "traceparent",
                "00-" + TRACE + "-" + PARENT + "-01"));
    assertThat(seen).element(2).isEqualTo("test " + context);
    assertThat(seen).element(3).isEqualTo("after " + context);
    assertThat(Context.current()).isNull();
  }

  @Test
  void aSystemPropertyIsEnoughAndWithoutTraceparentEachTestStartsATreeInTheRun() {
    seen.clear();
    System.setProperty(ScenarioRun.RUN_ID_PROPERTY, "nightly-7");
    try {
      EngineTestKit.engine("junit-jupiter")
          .selectors(selectClass(Checkout.class))
          .execute()
          .testEvents()
          .assertStatistics(stats -> stats.succeeded(1));
    } finally {
      System.clearProperty(ScenarioRun.RUN_ID_PROPERTY);
    }

    assertThat(seen)
        .element(0)
        .asString()
        .startsWith("before Context{")
        .endsWith("runId=nightly-7}");
    assertThat(((ScenarioRun) seen.get(1)).headers())
        .isEqualTo(Map.of("baggage", "checkpoint.run=nightly-7"));
  }

  @Test
  void withoutARunIdTheTestRunsAsANormalTest() {
    seen.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Checkout.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    assertThat(seen).element(0).isEqualTo("before null");
    ScenarioRun run = (ScenarioRun) seen.get(1);
    assertThat(run.runId()).isEmpty();
    assertThat(run.headers()).isEmpty();
    assertThat(run.context()).isEmpty();
    assertThat(seen).element(2).isEqualTo("test null");
  }

  @Test
  void aMalformedRunIdFailsTheTestSayingWhatToDo() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Checkout.class))
        .configurationParameter(ScenarioRun.RUN_ID_PROPERTY, "my run")
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("placesAnOrder"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        "The scenario run id 'my run' (from checkpoint.run.id or"
                            + " CHECKPOINT_RUN_ID) is not a run id: it must be "
                            + RunId.RULE
                            + ". Unset it to run the test on its own."))));
  }

  @Test
  void environmentVariablesAreReadWhenNoPropertyIsGiven() {
    Map<String, String> environment =
        Map.of("CHECKPOINT_RUN_ID", "env-run", "TRACEPARENT", "00-" + TRACE + "-" + PARENT + "-01");
    Map<String, String> properties = Map.of("checkpoint.run.id", "property-run");

    assertThat(ScenarioRun.from(name -> null, environment::get).context())
        .hasValueSatisfying(
            context -> {
              assertThat(context.runId()).isEqualTo("env-run");
              assertThat(context.traceId()).isEqualTo(TRACE);
              assertThat(context.checkpointId()).isEqualTo(PARENT);
            });
    assertThat(ScenarioRun.from(properties::get, environment::get).runId())
        .contains("property-run");
  }
}
