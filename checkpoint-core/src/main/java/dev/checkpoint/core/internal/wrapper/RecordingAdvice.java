package dev.checkpoint.core.internal.wrapper;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.spi.MethodPlan;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code Byte Buddy inlines around every call a generated wrapper passes on. While recording is
 * off it costs the recording check and a branch: the argument array, the plan lookup and the boxing
 * of the result are only reached when the call is recorded.
 */
final class RecordingAdvice {

  /** The wrapper's field holding the plans of the implementation's class, by {@link PlanKey}. */
  static final String PLANS = "plans";

  private RecordingAdvice() {}

  @Advice.OnMethodEnter
  static ActiveCheckpoint enter(
      @Advice.FieldValue(PLANS) Map<String, MethodPlan> plans,
      @PlanKey String key,
      @Advice.AllArguments Object[] args,
      @Advice.Local("plan") MethodPlan plan) {
    if (!MethodPlan.recording()) {
      return null;
    }
    plan = plans.get(key);
    return plan == null ? null : plan.start(args);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
  static void exit(
      @Advice.Enter ActiveCheckpoint checkpoint,
      @Advice.Local("plan") MethodPlan plan,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable error) {
    if (checkpoint != null) {
      plan.finish(checkpoint, result, error);
    }
  }
}
