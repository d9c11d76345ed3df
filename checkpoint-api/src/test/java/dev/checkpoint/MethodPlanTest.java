package dev.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.spi.MethodPlan;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What an implementation's {@link MethodPlan.Arguments} makes of a method's input. */
class MethodPlanTest {

  @Checkpoint
  static class Orders {
    String place(String sku, StringBuilder framework, Integer quantity) {
      return sku + quantity;
    }
  }

  private final StartingRecorder recorder = new StartingRecorder();

  @Test
  void frameworkArgumentsAreLeftOutOrSummarisedAndTheOthersRecorded() throws Throwable {
    MethodPlan plan =
        plan(
            parameter ->
                switch (parameter.getType().getSimpleName()) {
                  case "StringBuilder" -> null;
                  case "Integer" -> quantity -> "qty " + quantity;
                  default -> Function.identity();
                });

    Object result =
        plan.record(recorder, new Object[] {"A-1", new StringBuilder(), 2}, () -> "placed");

    assertThat(result).isEqualTo("placed");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("sku", "A-1");
    expected.put("quantity", "qty 2");
    assertThat(recorder.inputs).containsExactly(expected);
  }

  @Test
  void aSummaryThatFailsIsRecordedAsUnserializableAndTheCallGoesOn() throws Throwable {
    MethodPlan plan =
        plan(
            parameter ->
                parameter.getType() == Integer.class
                    ? quantity -> {
                      throw new IllegalStateException("cannot summarise");
                    }
                    : Function.identity());

    assertThat(plan.record(recorder, new Object[] {"A-1", null, 2}, () -> "placed"))
        .isEqualTo("placed");

    @SuppressWarnings("unchecked")
    Map<String, Object> input = (Map<String, Object>) recorder.inputs.get(0);
    assertThat(input).containsEntry("sku", "A-1").containsEntry("framework", null);
    assertThat(input.get("quantity"))
        .isEqualTo(
            Map.of(
                "unserializable",
                "java.lang.Integer",
                "reason",
                "java.lang.IllegalStateException: cannot summarise"));
  }

  private static MethodPlan plan(MethodPlan.Arguments arguments) throws NoSuchMethodException {
    Method place =
        Orders.class.getDeclaredMethod("place", String.class, StringBuilder.class, Integer.class);
    return MethodPlan.of(
        place, null, Orders.class.getAnnotation(Checkpoint.class), "Orders", arguments);
  }
}
