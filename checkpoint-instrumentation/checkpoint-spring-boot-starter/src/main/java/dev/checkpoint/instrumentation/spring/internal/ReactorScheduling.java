package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Context;
import dev.checkpoint.core.Scope;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.scheduler.Schedulers;

/**
 * Carries the thread's current checkpoint context into the work a Reactor scheduler runs ({@code
 * publishOn}, {@code subscribeOn}, {@code delayElements}, ...): a Reactor schedule hook binds each
 * scheduled task to the context current where it was scheduled, so that a {@code @Checkpoint}
 * method or a JDBC call on the scheduler's thread sits under the request's checkpoint. A WebFlux
 * request's context is current while its handler is subscribed to and while its request body
 * signals, which is where a handler's {@code subscribeOn} and {@code publishOn} schedule their
 * work.
 *
 * <p>Reactor's hooks are per JVM: the hook is installed with the first application context that
 * uses it and removed with the last. A task scheduled where no context is current is passed on as
 * it is (one thread-local read), and one scheduled in a context costs one small object.
 */
public final class ReactorScheduling implements DisposableBean {

  private static final String HOOK = ReactorScheduling.class.getName();
  private static int users;

  /** Installs the hook, for as long as this object is not destroyed. */
  public ReactorScheduling() {
    synchronized (ReactorScheduling.class) {
      if (users++ == 0) {
        Schedulers.onScheduleHook(HOOK, ReactorScheduling::bind);
      }
    }
  }

  /**
   * The hook: binds a task to the context current now, if any.
   *
   * @param task the task being scheduled
   * @return the task itself when no context is current, else one that runs it in that context
   */
  public static Runnable bind(Runnable task) {
    Context scheduling = Context.current();
    if (scheduling == null) {
      return task;
    }
    return () -> {
      try (Scope ignored = scheduling.makeCurrent()) {
        task.run();
      }
    };
  }

  @Override
  public void destroy() {
    synchronized (ReactorScheduling.class) {
      if (--users == 0) {
        Schedulers.resetOnScheduleHook(HOOK);
      }
    }
  }
}
