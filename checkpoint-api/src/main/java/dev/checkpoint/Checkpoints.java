package dev.checkpoint;

import dev.checkpoint.internal.RecorderHolder;
import dev.checkpoint.internal.Wrappers;
import dev.checkpoint.spi.Recorder;
import java.util.Objects;

/**
 * Records checkpoints from application code without depending on the implementation.
 *
 * <p>Until {@code checkpoint-core} is on the class path (or a recorder is {@linkplain
 * #install(Recorder) installed}) every method here is a no-op that just runs the given call:
 *
 * <pre>{@code
 * Price price = Checkpoints.record("OrderService.price", order, () -> compute(order));
 * }</pre>
 */
public final class Checkpoints {

  private Checkpoints() {}

  /**
   * Runs {@code call} as a {@link Kind#METHOD} checkpoint with the given input; its result (or
   * exception) is recorded as the output (or error). Checkpoints started inside the call become its
   * children.
   *
   * @param name the checkpoint name, such as {@code "OrderService.price"}
   * @param input the input to record; may be {@code null}
   * @param call the work to run
   * @param <T> the result type
   * @param <E> the checked exception the call may throw
   * @return what {@code call} returned
   * @throws E what {@code call} threw, unchanged
   */
  public static <T, E extends Throwable> T record(
      String name, Object input, CheckpointedCall<T, E> call) throws E {
    Recorder recorder = RecorderHolder.get();
    if (!recorder.isEnabled()) {
      return call.call();
    }
    try (ActiveCheckpoint checkpoint = recorder.start(Kind.METHOD, name, input)) {
      try {
        T result = call.call();
        checkpoint.setOutput(result);
        return result;
      } catch (Throwable e) {
        checkpoint.setError(e);
        throw e;
      }
    }
  }

  /**
   * Starts a {@link Kind#METHOD} checkpoint that is current on this thread until closed; use it in
   * a try-with-resources block.
   *
   * @param name the checkpoint name
   * @param input the input to record; may be {@code null}
   * @return the started checkpoint, a no-op one while recording is off
   */
  public static ActiveCheckpoint start(String name, Object input) {
    return start(Kind.METHOD, name, input);
  }

  /**
   * Starts a checkpoint of the given kind; for instrumentation written by hand.
   *
   * @param kind what sort of call this is
   * @param name the checkpoint name
   * @param input the input to record; may be {@code null}
   * @return the started checkpoint, a no-op one while recording is off
   */
  public static ActiveCheckpoint start(Kind kind, String name, Object input) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    return RecorderHolder.get().start(kind, name, input);
  }

  /**
   * Whether checkpoints are recorded now: {@code false} while the recording mode is {@code OFF} or
   * without an implementation. One volatile read, for instrumentation that builds an input only a
   * recorded checkpoint would use.
   *
   * @return whether a checkpoint started now could be recorded
   */
  public static boolean isEnabled() {
    return RecorderHolder.get().isEnabled();
  }

  /**
   * The checkpoint current on this thread, to attach attributes or an error to it.
   *
   * @return the current checkpoint, a no-op one when there is none
   */
  public static ActiveCheckpoint current() {
    return RecorderHolder.get().current();
  }

  /**
   * Wraps an implementation so that calls to its methods annotated with {@link Checkpoint} (on the
   * wrapped type, on the type that declares the method, or on the implementation's method) are
   * recorded. Other methods pass straight through; {@code equals} and {@code hashCode} are the
   * wrapper's identity, {@code toString} is the implementation's.
   *
   * <p>With {@code checkpoint-core} on the class path the wrapper is a class generated once per
   * wrapped type, which costs a call next to nothing while recording is off, and {@code type} may
   * also be a non-final class without final methods. Without it, or when the generated class could
   * not reach {@code type} (a package-private interface in a package not opened to {@code
   * checkpoint-core}), the wrapper is a JDK proxy, for interfaces only.
   *
   * @param type the interface or class to expose
   * @param implementation the object to delegate to
   * @param <T> the wrapped type
   * @return a wrapper that is an instance of {@code type}
   * @throws IllegalArgumentException when {@code type} cannot be wrapped: a class without {@code
   *     checkpoint-core}, a final class, or a class with final methods
   */
  public static <T> T wrap(Class<T> type, T implementation) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(implementation, "implementation");
    return Wrappers.wrap(type, implementation);
  }

  /**
   * Installs the recorder behind this facade; it is the facade's recorder until {@linkplain
   * #uninstall(Recorder) uninstalled} or until another is installed. {@code checkpoint-core} does
   * this itself; tests and frameworks may call it to install a configured recorder.
   *
   * <p>The facade is process-wide. Installs stack: uninstalling the current recorder makes the one
   * installed before it current again, so that two applications in one JVM (such as two Spring
   * contexts a test run keeps) each get their recorder back when the other closes.
   *
   * @param recorder the recorder
   */
  public static void install(Recorder recorder) {
    RecorderHolder.set(Objects.requireNonNull(recorder, "recorder"));
  }

  /**
   * Removes an installed recorder, for an application that stops while the JVM goes on. When it was
   * the facade's recorder, the one installed before it takes over, or the recorder {@code
   * checkpoint-core} provides by itself (a no-op without it).
   *
   * @param recorder the recorder
   * @return whether it was installed
   */
  public static boolean uninstall(Recorder recorder) {
    return RecorderHolder.remove(Objects.requireNonNull(recorder, "recorder"));
  }
}
