package dev.checkpoint.spi;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Checkpoint;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.Kind;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

  /**
   * What an implementation that knows a framework records of the arguments that framework supplies:
   * the Spring Boot starter leaves out a {@code Model} and records a {@code BindingResult} as its
   * errors. Asked once per parameter, when a method is planned.
   */
  @FunctionalInterface
  public interface Arguments {

    /** Records every argument as it is. */
    Arguments AS_THEY_ARE = parameter -> Function.identity();

    /**
     * How the arguments of one parameter are recorded.
     *
     * @param parameter a parameter of the planned method
     * @return what is recorded for an argument, given the argument; {@code null} to leave the
     *     parameter out of the input. The function must not throw.
     */
    Function<Object, Object> of(Parameter parameter);
  }

  private final String name;
  private final boolean captureArguments;
  private final boolean captureResult;
  private final boolean dependency;
  private final Type returnType;
  private final String[] parameterNames;
  private final List<Function<Object, Object>> recordings;

  private MethodPlan(String name, Method method, Checkpoint annotation, Arguments arguments) {
    this.name = name;
    this.captureArguments = annotation.captureArguments();
    this.captureResult = annotation.captureResult() && method.getReturnType() != void.class;
    this.dependency = annotation.dependency();
    this.returnType = method.getGenericReturnType();
    Parameter[] parameters = method.getParameters();
    this.parameterNames = new String[parameters.length];
    List<Function<Object, Object>> planned = new ArrayList<>(parameters.length);
    for (int i = 0; i < parameters.length; i++) {
      parameterNames[i] = parameters[i].getName();
      planned.add(arguments.of(parameters[i]));
    }
    // May hold nulls, for parameters left out.
    this.recordings = Collections.unmodifiableList(planned);
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
    return of(method, onMethod, annotation, typeName, Arguments.AS_THEY_ARE);
  }

  /**
   * Plans a method whose framework supplies some of its arguments.
   *
   * @param method the method whose parameter names key the arguments
   * @param onMethod the annotation on the method itself, or {@code null}; only its value names the
   *     checkpoint
   * @param annotation the annotation that applies: {@code onMethod}, or else the one on the type
   * @param typeName the simple name of the type, for the default name {@code typeName.method}
   * @param arguments how each parameter's arguments are recorded
   * @return the plan
   */
  public static MethodPlan of(
      Method method,
      Checkpoint onMethod,
      Checkpoint annotation,
      String typeName,
      Arguments arguments) {
    String name =
        onMethod != null && !onMethod.value().isEmpty()
            ? onMethod.value()
            : typeName + "." + method.getName();
    return new MethodPlan(name, method, annotation, arguments);
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
   * Plans a method of a type that {@code Checkpoints.wrap} wraps, when the method is marked: by
   * {@link Checkpoint} on the method (in the wrapped type or, for a method the implementation
   * overrides, on the implementation's method), or else on the type that declares it or on the
   * wrapped type.
   *
   * @param type the wrapped interface or class
   * @param implementationClass the class of the object calls go to
   * @param method a method of {@code type}
   * @return the plan, or {@code null} when calls to the method are not recorded
   */
  public static MethodPlan forWrapped(Class<?> type, Class<?> implementationClass, Method method) {
    Checkpoint onMethod = methodAnnotation(implementationClass, method);
    Checkpoint onType = method.getDeclaringClass().getAnnotation(Checkpoint.class);
    Checkpoint annotation =
        onMethod != null
            ? onMethod
            : onType != null ? onType : type.getAnnotation(Checkpoint.class);
    return annotation == null ? null : of(method, onMethod, annotation, type.getSimpleName());
  }

  private static Checkpoint methodAnnotation(Class<?> implementationClass, Method method) {
    Checkpoint onMethod = method.getAnnotation(Checkpoint.class);
    if (onMethod != null) {
      return onMethod;
    }
    try {
      return implementationClass
          .getMethod(method.getName(), method.getParameterTypes())
          .getAnnotation(Checkpoint.class);
    } catch (NoSuchMethodException e) {
      // Not public: a wrapped class's protected or package-private method, found where declared.
    }
    for (Class<?> c = implementationClass; c != null; c = c.getSuperclass()) {
      try {
        return c.getDeclaredMethod(method.getName(), method.getParameterTypes())
            .getAnnotation(Checkpoint.class);
      } catch (NoSuchMethodException e) {
        // Declared further up, or a default method the implementation does not override: then
        // only the wrapped type can mark it.
      }
    }
    return null;
  }

  /**
   * Whether calls are recorded now: one volatile read, for generated wrappers to check before they
   * build the argument array for {@link #start(Object[])}.
   *
   * @return {@code false} while recording is off
   */
  public static boolean recording() {
    return Checkpoints.isEnabled();
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
    ActiveCheckpoint checkpoint =
        recorder.start(Kind.METHOD, name, captureArguments ? input(args) : null);
    Object result;
    try {
      Invocation call = invocation;
      if (dependency) {
        checkpoint.setAttribute("dependency", true);
        Optional<ReplayedOutcome> replayed = recorder.replay(checkpoint, returnType);
        if (replayed.isPresent()) {
          call = replayed.get()::get;
        }
      }
      result = call.proceed();
    } catch (Throwable e) {
      finish(checkpoint, null, e);
      throw e;
    }
    finish(checkpoint, result, null);
    return result;
  }

  /**
   * Whether the method is marked {@code @Checkpoint(dependency = true)}: in REPLAY mode its result
   * comes from the recording, so a wrapper must let {@link #record} decide whether to call it.
   *
   * @return true for a dependency
   */
  public boolean dependency() {
    return dependency;
  }

  /**
   * Starts the checkpoint of one call, for a wrapper that calls the target itself; {@link
   * #finish(ActiveCheckpoint, Object, Throwable)} ends it.
   *
   * @param args the call's arguments; {@code null} stands for none
   * @return the started checkpoint
   */
  public ActiveCheckpoint start(Object[] args) {
    return Checkpoints.start(Kind.METHOD, name, captureArguments ? input(args) : null);
  }

  /**
   * Ends the checkpoint of one call with what the target returned or threw.
   *
   * @param checkpoint what {@link #start(Object[])} returned
   * @param result what the target returned; ignored when {@code error} is set
   * @param error what the target threw, or {@code null}
   */
  public void finish(ActiveCheckpoint checkpoint, Object result, Throwable error) {
    if (error != null) {
      checkpoint.setError(error);
    } else if (captureResult) {
      checkpoint.setOutput(result);
    }
    checkpoint.close();
  }

  private Map<String, Object> input(Object[] args) {
    Map<String, Object> input = new LinkedHashMap<>();
    for (int i = 0; i < parameterNames.length; i++) {
      Function<Object, Object> recording = recordings.get(i);
      if (recording != null) {
        input.put(parameterNames[i], recorded(recording, args[i]));
      }
    }
    return input;
  }

  private static Object recorded(Function<Object, Object> recording, Object argument) {
    try {
      return recording.apply(argument);
    } catch (RuntimeException e) {
      // The call goes on; the input says what could not be recorded, as the capture does.
      Map<String, Object> placeholder = new LinkedHashMap<>();
      placeholder.put("unserializable", argument == null ? "null" : argument.getClass().getName());
      placeholder.put("reason", e.toString());
      return placeholder;
    }
  }
}
