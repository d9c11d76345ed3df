package dev.checkpoint.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The error outcome of a checkpoint: exception type, message and a short stack summary.
 *
 * @param type the exception's class name
 * @param message the exception's message; may be {@code null}
 * @param stack the first frames of the stack and of each cause, most specific first
 */
public record ErrorData(String type, String message, List<String> stack) {

  /** Frames kept per throwable in the chain: enough to locate the failure, small to store. */
  static final int FRAMES_PER_THROWABLE = 8;

  /** Causes followed at most; guards against very long or cyclic chains. */
  static final int MAX_CAUSES = 4;

  /** Validates and copies the stack. */
  public ErrorData {
    Objects.requireNonNull(type, "type");
    stack = List.copyOf(stack);
  }

  /**
   * Summarises a throwable.
   *
   * @param error the throwable
   * @return its type, message and stack summary including causes
   */
  public static ErrorData of(Throwable error) {
    List<String> stack = new ArrayList<>();
    appendFrames(stack, error);
    Throwable cause = error.getCause();
    for (int i = 0; cause != null && cause != error && i < MAX_CAUSES; i++) {
      stack.add("Caused by: " + cause.getClass().getName() + ": " + cause.getMessage());
      appendFrames(stack, cause);
      cause = cause.getCause();
    }
    return new ErrorData(error.getClass().getName(), error.getMessage(), stack);
  }

  private static void appendFrames(List<String> stack, Throwable error) {
    StackTraceElement[] frames = error.getStackTrace();
    int count = Math.min(frames.length, FRAMES_PER_THROWABLE);
    for (int i = 0; i < count; i++) {
      stack.add("at " + frames[i]);
    }
    if (frames.length > count) {
      stack.add("... " + (frames.length - count) + " more");
    }
  }
}
