package dev.checkpoint.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.core.replay.RecordedCall;
import dev.checkpoint.core.replay.ReplayMismatchException;
import dev.checkpoint.spi.ReplayedOutcome;
import java.lang.reflect.Type;

/**
 * The recorded outcome of a dependency method as its caller gets it: the output read back as the
 * method's return type, or the recorded exception made again (of the recorded type when it has a
 * message constructor).
 */
public final class RecordedOutcomes {

  private RecordedOutcomes() {}

  /**
   * The outcome a recorded call describes.
   *
   * @param call the recorded call, or an unmatched one
   * @param returnType the method's generic return type
   * @return the outcome
   */
  public static ReplayedOutcome of(RecordedCall call, Type returnType) {
    if (!call.isMatched()) {
      return ReplayedOutcome.throwing(new ReplayMismatchException(call.failure()));
    }
    if (call.error().isPresent()) {
      return ReplayedOutcome.throwing(error(call.error().get()));
    }
    if (returnType == void.class || returnType == Void.class) {
      return ReplayedOutcome.returning(null);
    }
    try {
      return ReplayedOutcome.returning(
          JsonCodec.mapper()
              .convertValue(call.output(), JsonCodec.mapper().constructType(returnType)));
    } catch (IllegalArgumentException e) {
      return ReplayedOutcome.throwing(
          new IllegalStateException(
              "The recorded return value "
                  + call.output()
                  + " cannot be read as "
                  + returnType.getTypeName()
                  + ": "
                  + e.getMessage()
                  + ". Record the entry again, or give the type a JSON-readable form.",
              e));
    }
  }

  private static Throwable error(JsonNode error) {
    String type = error.path("type").asText("");
    String message = error.path("message").isTextual() ? error.path("message").asText() : null;
    try {
      Class<?> recorded =
          Class.forName(type, false, Thread.currentThread().getContextClassLoader());
      if (Throwable.class.isAssignableFrom(recorded)) {
        return (Throwable) recorded.getConstructor(String.class).newInstance(message);
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // Not a type this process can make: the message says which it was.
    }
    return new IllegalStateException(type + (message == null ? "" : ": " + message));
  }
}
