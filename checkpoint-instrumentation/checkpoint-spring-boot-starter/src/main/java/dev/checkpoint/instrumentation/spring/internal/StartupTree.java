package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.Scope;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The start-up tree: a {@code METHOD} checkpoint named {@value #NAME}, current on the thread that
 * starts the application from the moment the recorder exists until every singleton bean is created,
 * so that what start-up records (schema and data scripts, Hibernate's queries, a cache warmed by a
 * bean) is one tree rather than one tree per statement. It is exported only when something was
 * recorded under it. Work after that (application runners, the first requests) is not part of it.
 */
public final class StartupTree implements SmartInitializingSingleton, DisposableBean {

  /** The start-up checkpoint's name. */
  public static final String NAME = "startup";

  private RecordingCheckpoint checkpoint;
  private Scope scope;
  private Thread thread;

  /**
   * Opens the tree on this thread, when the recording mode records it.
   *
   * @param recorder the application's recorder
   */
  public synchronized void open(Instrumenter recorder) {
    RecordingCheckpoint started =
        recorder.startDetached(Kind.METHOD, NAME, null, Context.current());
    if (started.isRecording()) {
      checkpoint = started;
      thread = Thread.currentThread();
      scope = started.context().makeCurrent();
    }
  }

  @Override
  public void afterSingletonsInstantiated() {
    end();
  }

  /** A start that failed before every singleton was created ends the tree too. */
  @Override
  public void destroy() {
    end();
  }

  private synchronized void end() {
    if (checkpoint == null) {
      return;
    }
    // The scope belongs to the starting thread; Spring ends the start on that same thread.
    if (Thread.currentThread() == thread) {
      scope.close();
    }
    if (checkpoint.hasChildren()) {
      checkpoint.close();
    } else {
      checkpoint.discard();
    }
    checkpoint = null;
  }
}
