package dev.checkpoint.core.propagation;

import dev.checkpoint.core.Context;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Reads and writes a {@link Context} as W3C {@code traceparent} and {@code baggage} headers, the
 * way inbound and outbound instrumentation carries a tree across services.
 */
public final class W3cPropagation {

  private W3cPropagation() {}

  /**
   * Reads the context of an incoming request or message. A valid {@code traceparent} continues the
   * caller's tree; a {@code baggage} run id alone starts a new tree in that run. A {@code
   * checkpoint.replay} baggage member names the recording a replayed entry request is answered
   * from. Malformed headers are ignored.
   *
   * @param traceparent the {@code traceparent} header, may be {@code null}
   * @param baggage the {@code baggage} header, may be {@code null}
   * @return the context, or empty when neither header carries anything usable
   */
  public static Optional<Context> extract(String traceparent, String baggage) {
    Baggage members = Baggage.parse(baggage);
    String runId = members.runId();
    String replayKey = members.get(Baggage.REPLAY_KEY);
    Optional<TraceParent> parent = TraceParent.parse(traceparent);
    if (parent.isPresent()) {
      return Optional.of(
          Context.of(parent.get().traceId(), parent.get().parentId(), runId)
              .withReplayKey(replayKey));
    }
    return runId == null && replayKey == null
        ? Optional.empty()
        : Optional.of(Context.newTree(runId).withReplayKey(replayKey));
  }

  /**
   * Whether a header is one this class reads and writes. Instrumentation leaves these out of
   * recorded headers: they differ on every run.
   *
   * @param name a header name, in any case
   * @return {@code true} for {@code traceparent} and {@code baggage}
   */
  public static boolean isPropagationHeader(String name) {
    return TraceParent.HEADER.equalsIgnoreCase(name) || Baggage.HEADER.equalsIgnoreCase(name);
  }

  /**
   * Writes the headers an outbound call needs to continue this tree. An existing {@code baggage}
   * value from the application is kept and the run id member added to it.
   *
   * @param context the context of the calling checkpoint
   * @param existingBaggage the outbound request's current {@code baggage} header, may be {@code
   *     null}
   * @param setter receives each header name and value
   */
  public static void inject(
      Context context, String existingBaggage, BiConsumer<String, String> setter) {
    if (context.checkpointId() != null) {
      setter.accept(
          TraceParent.HEADER,
          TraceParent.sampled(context.traceId(), context.checkpointId()).format());
    }
    if (context.runId() != null) {
      setter.accept(
          Baggage.HEADER,
          Baggage.parse(existingBaggage).with(Baggage.RUN_KEY, context.runId()).format());
    }
  }
}
