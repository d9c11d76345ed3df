package dev.checkpoint.core.instrumentation;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.propagation.TraceParent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records a batch of messages handed to one listener call (a Kafka batch listener, a Spring AMQP
 * batch listener): a {@code MESSAGE_CONSUME} checkpoint named {@code CONSUME BATCH <destination>},
 * current while the listener runs (its SQL, sends and {@code @Checkpoint} methods are its
 * children), and under it one {@code MESSAGE_CONSUME} checkpoint per message with the message's own
 * input, spanning the same call. The listener's exception is the error of the batch and of each
 * message (the whole batch failed, and is delivered again or given up as a whole).
 *
 * <p>A checkpoint has one parent, so the batch joins the publisher's tree only when every message
 * carries the same tree (one request's sends, a batch of one); otherwise it starts its own tree (or
 * joins the one current on the calling thread) and each message whose publisher's tree differs says
 * where it came from in its {@code publisher} attribute (a W3C {@code traceparent}).
 */
public final class ConsumedBatch {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(ConsumedBatch.class.getName());

  /** A batch that is not recorded. */
  private static final ConsumedBatch NOT_RECORDED = new ConsumedBatch(List.of(), null);

  /** The batch's checkpoint first, then its messages'. */
  private final List<RecordingCheckpoint> started;

  private final Scope scope;
  private final Thread thread;
  private boolean ended;

  private ConsumedBatch(List<RecordingCheckpoint> started, Scope scope) {
    this.started = started;
    this.scope = scope;
    this.thread = Thread.currentThread();
  }

  /**
   * Where a message was published from, read from its headers.
   *
   * @param <M> the message type
   */
  @FunctionalInterface
  public interface Publisher<M> {
    /**
     * The publisher's context the message carries.
     *
     * @param message the message
     * @return the context, empty when the message carries none
     */
    Optional<Context> of(M message);
  }

  /**
   * Starts one message's checkpoint, with the input the module records for a single message.
   *
   * @param <M> the message type
   */
  @FunctionalInterface
  public interface MessageStart<M> {
    /**
     * Starts the message's {@code MESSAGE_CONSUME} checkpoint under the batch, not current.
     *
     * @param message the message
     * @param batch the batch's context, the parent
     * @return the started checkpoint, {@code null} when it is not recorded
     */
    RecordingCheckpoint start(M message, Context batch);
  }

  /**
   * The listener's call.
   *
   * @param <E> what it may throw
   */
  @FunctionalInterface
  public interface Listener<E extends Throwable> {
    /**
     * Calls the listener.
     *
     * @throws E what the listener threw
     */
    void call() throws E;
  }

  /**
   * Records a batch around the listener's call; with recording off, or an empty batch, only calls
   * it.
   *
   * @param recorder where checkpoints are recorded
   * @param destination the topic or queue, for the batch's name and input
   * @param messages the messages of the batch, in order
   * @param publisher reads a message's publisher context
   * @param start starts a message's checkpoint
   * @param listener the listener's call, run in the batch's context
   * @param <M> the message type
   * @param <E> what the listener may throw
   * @throws E what the listener threw, unchanged
   */
  public static <M, E extends Throwable> void process(
      Instrumenter recorder,
      String destination,
      List<M> messages,
      Publisher<M> publisher,
      MessageStart<M> start,
      Listener<E> listener)
      throws E {
    start(recorder, destination, messages, publisher, start).run(listener);
  }

  /**
   * Calls the listener, in this batch's context when started on this thread, and ends the batch.
   *
   * @param listener the listener's call
   * @param <E> what the listener may throw
   * @throws E what the listener threw, unchanged
   */
  public <E extends Throwable> void run(Listener<E> listener) throws E {
    Throwable failure = null;
    try {
      listener.call();
    } catch (Throwable error) {
      failure = error;
      throw error;
    } finally {
      end(failure);
    }
  }

  /**
   * Starts recording a batch and makes its checkpoint current on this thread, for a framework that
   * announces the listener's call and its end separately (an interceptor); {@link #end} on the same
   * thread after the call.
   *
   * @param recorder where checkpoints are recorded
   * @param destination the topic or queue, for the batch's name and input
   * @param messages the messages of the batch, in order
   * @param publisher reads a message's publisher context
   * @param start starts a message's checkpoint
   * @param <M> the message type
   * @return the batch; one that does nothing when recording is off or the batch is empty
   */
  public static <M> ConsumedBatch start(
      Instrumenter recorder,
      String destination,
      List<M> messages,
      Publisher<M> publisher,
      MessageStart<M> start) {
    if (!recorder.isEnabled() || messages.isEmpty()) {
      return NOT_RECORDED;
    }
    List<RecordingCheckpoint> started = startAll(recorder, destination, messages, publisher, start);
    return started.isEmpty()
        ? NOT_RECORDED
        : new ConsumedBatch(started, started.get(0).context().makeCurrent());
  }

  /**
   * Ends the batch: the listener's exception, if any, becomes the error of the batch and of each
   * message, the messages' checkpoints end, then the batch's, and the context current before {@link
   * #start} is current again (when called on the thread that started it). Later calls do nothing.
   *
   * @param error what the listener threw, {@code null} when it returned
   */
  public void end(Throwable error) {
    if (ended) {
      return;
    }
    ended = true;
    if (scope != null && thread == Thread.currentThread()) {
      scope.close();
    }
    // The messages first: a parent ends after its children.
    for (int i = started.size() - 1; i >= 0; i--) {
      RecordingCheckpoint checkpoint = started.get(i);
      if (error != null) {
        checkpoint.setError(error);
      }
      checkpoint.close();
    }
  }

  /** The batch's checkpoint first, then its messages'; empty when the batch is not recorded. */
  private static <M> List<RecordingCheckpoint> startAll(
      Instrumenter recorder,
      String destination,
      List<M> messages,
      Publisher<M> publisher,
      MessageStart<M> start) {
    List<RecordingCheckpoint> started = new ArrayList<>(messages.size() + 1);
    try {
      List<Optional<Context>> publishers = new ArrayList<>(messages.size());
      for (M message : messages) {
        publishers.add(publisher.of(message));
      }
      Context parent = commonTree(publishers).orElse(Context.current());
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("destination", destination);
      input.put("count", messages.size());
      RecordingCheckpoint batch =
          recorder.startDetached(
              Kind.MESSAGE_CONSUME, "CONSUME BATCH " + destination, input, parent);
      if (!batch.isRecording()) {
        return List.of();
      }
      started.add(batch);
      String tree = batch.context().traceId();
      for (int i = 0; i < messages.size(); i++) {
        RecordingCheckpoint message = start.start(messages.get(i), batch.context());
        if (message != null) {
          started.add(message);
          publishers
              .get(i)
              .filter(from -> !from.traceId().equals(tree))
              .ifPresent(from -> message.setAttribute("publisher", traceParent(from)));
        }
      }
      return started;
    } catch (RuntimeException e) {
      LOG.failed("Recording a batch of consumed messages", e);
      started.forEach(RecordingCheckpoint::discard);
      return List.of();
    }
  }

  private static Optional<Context> commonTree(List<Optional<Context>> publishers) {
    Optional<Context> first = publishers.get(0);
    if (first.isEmpty()) {
      return Optional.empty();
    }
    String tree = first.get().traceId();
    for (Optional<Context> publisher : publishers) {
      if (publisher.isEmpty() || !publisher.get().traceId().equals(tree)) {
        return Optional.empty();
      }
    }
    return first;
  }

  private static String traceParent(Context publisher) {
    return publisher.checkpointId() == null
        ? publisher.traceId()
        : TraceParent.sampled(publisher.traceId(), publisher.checkpointId()).format();
  }
}
