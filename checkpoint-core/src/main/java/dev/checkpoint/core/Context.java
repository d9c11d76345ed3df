package dev.checkpoint.core;

import dev.checkpoint.CheckpointId;
import dev.checkpoint.TraceId;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.assets.replay.ReplayViews;
import dev.checkpoint.core.internal.LocalTree;
import dev.checkpoint.core.model.Ids;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where new checkpoints attach: the tree (trace) id, the parent checkpoint id and the run id. The
 * current context lives in a thread-local scope; {@link #wrap(Executor)} and friends carry it to
 * other threads so async work keeps its parent.
 *
 * <p>Immutable. A context read from an incoming request may have no parent checkpoint (only a run
 * id from {@code baggage}); the first checkpoint under it is then a root.
 */
public final class Context {

  private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

  private final String traceId;
  private final String checkpointId;
  private final String runId;
  private final RecordingCheckpoint checkpoint;
  private final String replayKey;
  private final LocalTree tree;

  private Context(
      String traceId,
      String checkpointId,
      String runId,
      RecordingCheckpoint checkpoint,
      String replayKey,
      LocalTree tree) {
    this.traceId = traceId;
    this.checkpointId = checkpointId;
    this.runId = runId;
    this.checkpoint = checkpoint;
    this.replayKey = replayKey;
    this.tree = tree;
  }

  /**
   * A context continuing a tree started elsewhere, for example read from W3C headers.
   *
   * @param traceId the tree id; must be valid
   * @param checkpointId the remote parent's id, or {@code null} to start a root in that tree
   * @param runId the run id, or {@code null}
   * @return the context
   * @throws IllegalArgumentException when an id is malformed
   */
  public static Context of(String traceId, String checkpointId, String runId) {
    if (!TraceId.isValid(traceId)) {
      throw new IllegalArgumentException("traceId must be " + TraceId.RULE + ", not " + traceId);
    }
    if (checkpointId != null && !CheckpointId.isValid(checkpointId)) {
      throw new IllegalArgumentException(
          "checkpointId must be " + CheckpointId.RULE + ", not " + checkpointId);
    }
    return new Context(traceId, checkpointId, runId, null, null, null);
  }

  /**
   * A new tree with no parent, for work that carries only a run id.
   *
   * @param runId the run id, or {@code null}
   * @return the context
   */
  public static Context newTree(String runId) {
    return new Context(Ids.newTraceId(), null, runId, null, null, null);
  }

  /**
   * The context current on this thread.
   *
   * @return the context, or {@code null} when this thread is not inside any tree
   */
  public static Context current() {
    return CURRENT.get();
  }

  /** The context of a new local checkpoint, which its children run in. */
  static Context local(
      String traceId, String runId, RecordingCheckpoint checkpoint, LocalTree tree) {
    return new Context(traceId, Ids.newCheckpointId(), runId, checkpoint, null, tree);
  }

  /**
   * This context with the recording an entry request replays, read from the {@code
   * checkpoint.replay} baggage member; a service in {@code REPLAY} mode answers the calls of the
   * entry checkpoint started under it from that recording.
   *
   * @param key the recording's key, or {@code null}
   * @return the context
   */
  public Context withReplayKey(String key) {
    return key == null || checkpoint != null
        ? this
        : new Context(traceId, checkpointId, runId, null, key, tree);
  }

  /**
   * The recording an entry request replays.
   *
   * @return its key from the {@code checkpoint.replay} baggage member, or {@code null}
   */
  public String replayKey() {
    return replayKey;
  }

  /**
   * The recorded calls answering the replayed entry request this context serves, for
   * instrumentation that answers from them directly, such as a JDBC connection that never reaches
   * the database.
   *
   * @return the ledger; empty unless in REPLAY mode serving a replayed entry request
   */
  public Optional<ReplayLedger> replayLedger() {
    return tree == null || tree.replay() == null || !tree.replay().answers(ReplayViews.Protocol.SQL)
        ? Optional.empty()
        : Optional.of(tree.replay().ledger());
  }

  /** The tree in this process this local context belongs to, or {@code null} for a remote one. */
  LocalTree tree() {
    return tree;
  }

  /** The local checkpoint this context belongs to, or {@code null} for a remote one. */
  RecordingCheckpoint checkpoint() {
    return checkpoint;
  }

  /**
   * Makes this context current on this thread until the returned scope is closed.
   *
   * @return the scope to close, in the same thread
   */
  public Scope makeCurrent() {
    return attach(this);
  }

  private static Scope attach(Context context) {
    Context previous = CURRENT.get();
    if (previous == context) {
      return NoopScope.INSTANCE;
    }
    CURRENT.set(context);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /**
   * The tree id.
   *
   * @return 32 lowercase hex digits
   */
  public String traceId() {
    return traceId;
  }

  /**
   * The checkpoint new children attach to.
   *
   * @return its id, or {@code null} when a new checkpoint here is a root
   */
  public String checkpointId() {
    return checkpointId;
  }

  /**
   * The run this work belongs to.
   *
   * @return the run id, or {@code null}
   */
  public String runId() {
    return runId;
  }

  /**
   * Binds a task to the context current now.
   *
   * @param task the task
   * @return a task that runs {@code task} in that context
   */
  public static Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    Context captured = current();
    return () -> {
      try (Scope ignored = attach(captured)) {
        task.run();
      }
    };
  }

  /**
   * Binds a task to the context current now.
   *
   * @param task the task
   * @param <T> the result type
   * @return a task that runs {@code task} in that context
   */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    Context captured = current();
    return () -> {
      try (Scope ignored = attach(captured)) {
        return task.call();
      }
    };
  }

  /**
   * Wraps an executor so every task runs in the context current when it was submitted.
   *
   * @param executor the executor
   * @return the propagating executor
   */
  public static Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return task -> executor.execute(wrap(task));
  }

  /**
   * Wraps an executor service so every task runs in the context current when it was submitted.
   *
   * @param executor the executor service
   * @return the propagating executor service
   */
  public static ExecutorService wrap(ExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return new ContextExecutorService(executor);
  }

  @Override
  public String toString() {
    return "Context{traceId="
        + traceId
        + ", checkpointId="
        + checkpointId
        + ", runId="
        + runId
        + "}";
  }

  private enum NoopScope implements Scope {
    INSTANCE;

    @Override
    public void close() {}
  }

  private static final class ContextExecutorService implements ExecutorService {
    private final ExecutorService delegate;

    ContextExecutorService(ExecutorService delegate) {
      this.delegate = delegate;
    }

    private static <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
      return tasks.stream().map(Context::wrap).toList();
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(wrap(command));
    }

    @Override
    public Future<?> submit(Runnable task) {
      return delegate.submit(wrap(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
      return delegate.submit(wrap(task), result);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      return delegate.submit(wrap(task));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(
        Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
        throws InterruptedException, ExecutionException {
      return delegate.invokeAny(wrapAll(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return delegate.invokeAny(wrapAll(tasks), timeout, unit);
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }
  }
}
