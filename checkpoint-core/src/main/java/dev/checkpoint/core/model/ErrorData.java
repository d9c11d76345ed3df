package dev.checkpoint.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The error outcome of a checkpoint: exception type, message, a short stack summary, and the chain
 * of causes below it, so that the root cause's type and message are read without parsing frames.
 *
 * @param type the exception's class name
 * @param message the exception's message; may be {@code null}
 * @param stack the first frames of the stack and of each cause, most specific first
 * @param causes the exception's cause, that cause's cause, and so on: the last is the root cause
 */
public record ErrorData(String type, String message, List<String> stack, List<Cause> causes) {

  /** Frames kept per throwable in the chain: enough to locate the failure, small to store. */
  static final int FRAMES_PER_THROWABLE = 8;

  /** Causes followed at most; guards against very long or cyclic chains. */
  static final int MAX_CAUSES = 4;

  /**
   * One exception in the chain of causes.
   *
   * @param type its class name
   * @param message its message; may be {@code null}
   */
  public record Cause(String type, String message) {
    /** Validates. */
    public Cause {
      Objects.requireNonNull(type, "type");
    }
  }

  /** Validates and copies the lists. */
  public ErrorData {
    Objects.requireNonNull(type, "type");
    stack = List.copyOf(stack);
    causes = List.copyOf(causes);
  }

  /**
   * Summarises a throwable.
   *
   * @param error the throwable
   * @return its type, message, stack summary and causes
   */
  public static ErrorData of(Throwable error) {
    List<String> stack = new ArrayList<>();
    List<Cause> causes = new ArrayList<>(0);
    appendFrames(stack, error);
    Throwable cause = error.getCause();
    for (int i = 0; cause != null && cause != error && i < MAX_CAUSES; i++) {
      causes.add(new Cause(cause.getClass().getName(), cause.getMessage()));
      stack.add("Caused by: " + cause.getClass().getName() + ": " + cause.getMessage());
      appendFrames(stack, cause);
      cause = cause.getCause();
    }
    return new ErrorData(error.getClass().getName(), error.getMessage(), stack, causes);
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
