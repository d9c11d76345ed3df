package dev.checkpoint.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.capture.CapturedPayload;
import dev.checkpoint.core.internal.AnchoredClock;
import dev.checkpoint.core.internal.JsonCodec;
import dev.checkpoint.core.internal.LocalTree;
import dev.checkpoint.core.internal.ReplaySession;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.model.ErrorData;
import dev.checkpoint.core.model.Payload;
import dev.checkpoint.core.replay.RecordedCall;
import dev.checkpoint.core.replay.ReplayMismatchException;
import dev.checkpoint.core.replay.ReplayMissing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checkpoint being recorded. Thread-safe: async work that inherited its context may attach
 * attributes or an error from another thread. Ending it hands an immutable {@link CheckpointData}
 * to the exporter.
 *
 * <p>A call that is not recorded gets {@link #NOT_RECORDED}: it ignores every call, so that
 * instrumentation needs no null checks.
 */
public final class RecordingCheckpoint implements ActiveCheckpoint {

  /** The checkpoint of a call that is not recorded: ignores everything, has no context. */
  static final RecordingCheckpoint NOT_RECORDED = new RecordingCheckpoint();

  private final CheckpointRecorder recorder;
  private final Kind kind;
  private String name;
  private final String parentId;
  private final Context context;
  private final long startEpochNanos;
  private final Thread startThread;
  private final boolean localRoot;
  private Payload input;
  private final List<String> redacted = new ArrayList<>(2);
  private final List<String> truncated = new ArrayList<>(1);
  private Map<String, Object> attributes;
  private Payload output;
  private ErrorData error;
  private Scope scope;
  private boolean ended;
  private volatile boolean hasChildren;

  private RecordingCheckpoint() {
    this.recorder = null;
    this.kind = null;
    this.parentId = null;
    this.startThread = null;
    this.localRoot = false;
    this.context = null;
    this.startEpochNanos = 0;
    this.ended = true;
  }

  RecordingCheckpoint(
      CheckpointRecorder recorder,
      Kind kind,
      String name,
      String traceId,
      String parentId,
      String runId,
      Object input,
      LocalTree tree,
      boolean localRoot) {
    this.recorder = recorder;
    this.kind = kind;
    this.name = name;
    this.parentId = parentId;
    this.startThread = Thread.currentThread();
    this.localRoot = localRoot;
    this.context = Context.local(traceId, runId, this, tree);
    this.input = input == null ? null : capture(input, "input");
    this.startEpochNanos = AnchoredClock.nowEpochNanos();
  }

  /**
   * The context this checkpoint's children run in; carry it to another thread to parent work there,
   * or write it into outbound headers.
   *
   * @return the context, {@code null} when not {@linkplain #isRecording() recording}
   */
  public Context context() {
    return context;
  }

  /**
   * This checkpoint's id.
   *
   * @return 16 lowercase hex digits, {@code null} when not {@linkplain #isRecording() recording}
   */
  public String id() {
    return context == null ? null : context.checkpointId();
  }

  /**
   * Whether this checkpoint's call is answered from a recording: it was started while serving an
   * entry request replayed in {@code REPLAY} mode. Instrumentation asks before it shapes the input
   * for {@link #replay}, so that recording without replay costs one field read.
   *
   * @return {@code true} when {@link #replay} may answer
   */
  public boolean isReplaying() {
    return context != null && context.tree() != null && context.tree().replay() != null;
  }

  /**
   * The recorded answer to this checkpoint's call, for instrumentation that gives it to the
   * application instead of calling the dependency. The call is matched by its kind, name and input
   * (captured and redacted as it would be recorded; noise tolerated) against the calls recorded
   * under the replayed entry, in the order they were made. When nothing matches, this checkpoint
   * records a {@link ReplayMismatchException} naming the closest recorded calls and what differs:
   * as its error when unmatched calls fail, as the attribute {@code replay.unmatched} when they
   * reach the real dependency ({@link ReplayMissing#CALL_REAL}).
   *
   * @param actualInput the call's input in the shape this checkpoint records it
   * @return the answer; empty when this call is not replayed or is to reach the real dependency
   */
  public Optional<RecordedCall> replay(Object actualInput) {
    if (!isReplaying()) {
      return Optional.empty();
    }
    return replayInput(recorder.capture().capture(actualInput, "input").payload());
  }

  /**
   * The recorded answer to this checkpoint's call, matched on the input captured when it started;
   * as {@link #replay(Object)}.
   *
   * @return the answer; empty when this call is not replayed or is to reach the real dependency
   */
  public Optional<RecordedCall> replay() {
    if (!isReplaying()) {
      return Optional.empty();
    }
    Payload captured;
    synchronized (this) {
      captured = input;
    }
    return replayInput(captured == null ? Payload.NULL : captured);
  }

  private Optional<RecordedCall> replayInput(Payload actualInput) {
    ReplaySession session = context.tree().replay();
    Optional<RecordedCall> answer;
    try {
      answer = session.answer(kind, name, JsonCodec.mapper().readTree(actualInput.json()));
    } catch (JsonProcessingException | RuntimeException e) {
      answer = Optional.of(RecordedCall.unmatched("The call's input could not be read: " + e));
    }
    if (answer.isPresent() && !answer.get().isMatched()) {
      if (session.missing() == ReplayMissing.CALL_REAL) {
        setAttribute("replay.unmatched", answer.get().failure());
        return Optional.empty();
      }
      setError(new ReplayMismatchException(answer.get().failure()));
    }
    return answer;
  }

  void attach() {
    if (context != null) {
      scope = context.makeCurrent();
    }
  }

  @Override
  public boolean isRecording() {
    return recorder != null;
  }

  @Override
  public synchronized ActiveCheckpoint setAttribute(String key, Object value) {
    if (!ended && key != null) {
      if (attributes == null) {
        attributes = new LinkedHashMap<>();
      }
      attributes.put(key, value);
    }
    return this;
  }

  @Override
  public synchronized ActiveCheckpoint setOutput(Object value) {
    if (!ended) {
      output = capture(value, "output");
    }
    return this;
  }

  @Override
  public synchronized ActiveCheckpoint setError(Throwable throwable) {
    if (!ended && throwable != null) {
      error = ErrorData.of(throwable);
    }
    return this;
  }

  /**
   * Replaces the input captured at start, for instrumentation that learns it during the call, such
   * as a request body the application reads.
   *
   * @param value the input value
   * @return this checkpoint
   */
  public synchronized RecordingCheckpoint setInput(Object value) {
    if (!ended) {
      // The earlier capture's findings no longer describe the recorded input.
      redacted.removeIf(path -> path.equals("input") || path.startsWith("input."));
      truncated.remove("input");
      input = capture(value, "input");
    }
    return this;
  }

  /**
   * Renames the checkpoint, for instrumentation that learns a better name during the call, such as
   * the route template an HTTP request matched.
   *
   * @param newName the name
   * @return this checkpoint
   */
  public synchronized RecordingCheckpoint setName(String newName) {
    if (!ended && newName != null) {
      name = newName;
    }
    return this;
  }

  /**
   * Marks a value that instrumentation cut short itself, such as a body read only up to the limit.
   *
   * @param path the value's path, such as {@code output.body}
   * @return this checkpoint
   */
  public synchronized RecordingCheckpoint markTruncated(String path) {
    if (!ended) {
      truncated.add(path);
    }
    return this;
  }

  /**
   * Marks a value that instrumentation replaced by {@link
   * dev.checkpoint.core.capture.Redaction#MARKER} itself, such as a SQL bind value for a password
   * column, so that it is listed with the values redaction by key replaced.
   *
   * @param path the value's path, such as {@code input.parameters.3}
   * @return this checkpoint
   */
  public synchronized RecordingCheckpoint markRedacted(String path) {
    // A path is listed once, though both an instrumentation and the capture may redact in it.
    if (!ended && !redacted.contains(path)) {
      redacted.add(path);
    }
    return this;
  }

  /** Notes that a checkpoint was started under this one. */
  void childStarted() {
    // Read first: most children of a checkpoint find it already set, and need not write.
    if (!hasChildren) {
      hasChildren = true;
    }
  }

  /**
   * Whether a checkpoint has been started under this one in this process.
   *
   * @return {@code true} once a child started
   */
  public boolean hasChildren() {
    return hasChildren;
  }

  /**
   * Ends the checkpoint without exporting it, for a grouping checkpoint that turned out to have
   * nothing under it. Later calls, and {@link #close()}, do nothing.
   */
  public void discard() {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      if (scope != null && Thread.currentThread() == startThread) {
        scope.close();
      }
    }
  }

  @Override
  public void close() {
    CheckpointData data;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      long end = AnchoredClock.nowEpochNanos();
      // Only the starting thread can restore its own thread-local context.
      if (scope != null && Thread.currentThread() == startThread) {
        scope.close();
      }
      LocalTree tree = context.tree();
      if (localRoot && tree != null && tree.hasValues()) {
        if (attributes == null) {
          attributes = new LinkedHashMap<>();
        }
        tree.addTo(attributes);
      }
      Payload attributesJson =
          attributes == null ? Payload.EMPTY_OBJECT : capture(attributes, "attributes");
      data =
          new CheckpointData(
              context.checkpointId(),
              context.traceId(),
              parentId,
              context.runId(),
              recorder.service(),
              kind,
              name,
              startEpochNanos,
              end,
              startThread.getName(),
              input,
              output,
              error,
              attributesJson,
              truncated,
              redacted);
    }
    recorder.exporter().export(data);
  }

  private Payload capture(Object value, String path) {
    CapturedPayload captured = recorder.capture().capture(value, path);
    redacted.addAll(captured.redacted());
    if (captured.truncated()) {
      truncated.add(path);
    }
    return captured.payload();
  }
}
