package dev.checkpoint.spi;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Checkpoint;
import dev.checkpoint.Kind;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How calls to one {@link Checkpoint} method are recorded: the checkpoint's name, whether arguments
 * and result are captured, and the parameter names the arguments are keyed by. Worked out once per
 * method, used on every call.
 *
 * <p>For implementations that intercept {@link Checkpoint} methods: {@code Checkpoints.wrap}, the
 * Spring Boot starter's method interceptor and the agent use it, so that a method records the same
 * way whichever of them calls it.
 */
public final class MethodPlan {

  /** The call being recorded: the target method, reached through whatever proxy is in use. */
  @FunctionalInterface
  public interface Invocation {
    /**
     * Calls the target.
     *
     * @return what the target returned
     * @throws Throwable what the target threw, unchanged
     */
    Object proceed() throws Throwable;
  }

  private final String name;
  private final boolean captureArguments;
  private final boolean captureResult;
  private final String[] parameterNames;

  private MethodPlan(String name, Method method, Checkpoint annotation) {
    this.name = name;
    this.captureArguments = annotation.captureArguments();
    this.captureResult = annotation.captureResult() && method.getReturnType() != void.class;
    Parameter[] parameters = method.getParameters();
    this.parameterNames = new String[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      parameterNames[i] = parameters[i].getName();
    }
  }

  /**
   * Plans a method.
   *
   * @param method the method whose parameter names key the arguments
   * @param onMethod the annotation on the method itself, or {@code null}; only its value names the
   *     checkpoint
   * @param annotation the annotation that applies: {@code onMethod}, or else the one on the type
   * @param typeName the simple name of the type, for the default name {@code typeName.method}
   * @return the plan
   */
  public static MethodPlan of(
      Method method, Checkpoint onMethod, Checkpoint annotation, String typeName) {
    String name =
        onMethod != null && !onMethod.value().isEmpty()
            ? onMethod.value()
            : typeName + "." + method.getName();
    return new MethodPlan(name, method, annotation);
  }

  /**
   * The checkpoint name.
   *
   * @return the annotation's value, or {@code SimpleTypeName.method}
   */
  public String name() {
    return name;
  }

  /**
   * Records one call: its arguments keyed by parameter name as input (unless {@code
   * captureArguments = false}), its result as output (unless {@code captureResult = false} or the
   * method is void), and what it throws as the error, rethrown unchanged.
   *
   * @param recorder the recorder, already known to be enabled
   * @param args the call's arguments; {@code null} stands for none
   * @param invocation calls the target
   * @return what the target returned
   * @throws Throwable what the target threw
   */
  public Object record(Recorder recorder, Object[] args, Invocation invocation) throws Throwable {
    try (ActiveCheckpoint checkpoint =
        recorder.start(Kind.METHOD, name, captureArguments ? input(args) : null)) {
      try {
        Object result = invocation.proceed();
        if (captureResult) {
          checkpoint.setOutput(result);
        }
        return result;
      } catch (Throwable e) {
        checkpoint.setError(e);
        throw e;
      }
    }
  }

  private Map<String, Object> input(Object[] args) {
    Map<String, Object> input = new LinkedHashMap<>();
    for (int i = 0; i < parameterNames.length; i++) {
      input.put(parameterNames[i], args[i]);
    }
    return input;
  }
}
