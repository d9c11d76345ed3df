package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Context;
import dev.checkpoint.core.Scope;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Carries a checkpoint's context through a reactive chain. The chain's Reactor context holds it
 * under {@link #KEY}, where operators on any thread find it (the {@code WebClient} filter looks
 * there first); and the thread's current context is set while a publisher is subscribed to and
 * while it signals, so that code called synchronously from there ({@code @Checkpoint} methods, a
 * handler invoked once its request body is read) records into the same tree.
 */
public final class ReactorContexts {

  /** The key of the current checkpoint's context in a Reactor context. */
  public static final Class<Context> KEY = Context.class;

  private ReactorContexts() {}

  /**
   * The parent for a call made in a reactive chain: the checkpoint context the chain carries, else
   * the thread's current one.
   *
   * @param view the chain's Reactor context
   * @return the parent context
   */
  public static Context parent(ContextView view) {
    Context carried = view.getOrDefault(KEY, null);
    return carried != null ? carried : Context.current();
  }

  /**
   * A Mono that is subscribed to, and signals, with {@code context} current, and carries it in its
   * Reactor context.
   *
   * @param source the Mono
   * @param context the checkpoint context
   * @param <T> the element type
   * @return the Mono in the context
   */
  public static <T> Mono<T> inContext(Mono<T> source, Context context) {
    Mono<T> scoped =
        new Mono<>() {
          @Override
          public void subscribe(CoreSubscriber<? super T> actual) {
            subscribeInContext(source, actual, context);
          }
        };
    return scoped.contextWrite(reactor.util.context.Context.of(KEY, context));
  }

  /**
   * A Flux that is subscribed to, and signals, with {@code context} current.
   *
   * @param source the Flux
   * @param context the checkpoint context
   * @param <T> the element type
   * @return the Flux in the context
   */
  public static <T> Flux<T> inContext(Flux<T> source, Context context) {
    return new Flux<>() {
      @Override
      public void subscribe(CoreSubscriber<? super T> actual) {
        subscribeInContext(source, actual, context);
      }
    };
  }

  private static <T> void subscribeInContext(
      Publisher<T> source, CoreSubscriber<? super T> actual, Context context) {
    try (Scope ignored = context.makeCurrent()) {
      source.subscribe(new InContext<>(actual, context));
    }
  }

  /** Passes each signal on with the context current. */
  private static final class InContext<T> implements CoreSubscriber<T> {

    private final CoreSubscriber<? super T> actual;
    private final Context context;

    InContext(CoreSubscriber<? super T> actual, Context context) {
      this.actual = actual;
      this.context = context;
    }

    @Override
    public reactor.util.context.Context currentContext() {
      return actual.currentContext();
    }

    @Override
    public void onSubscribe(Subscription subscription) {
      try (Scope ignored = context.makeCurrent()) {
        actual.onSubscribe(subscription);
      }
    }

    @Override
    public void onNext(T value) {
      try (Scope ignored = context.makeCurrent()) {
        actual.onNext(value);
      }
    }

    @Override
    public void onError(Throwable error) {
      try (Scope ignored = context.makeCurrent()) {
        actual.onError(error);
      }
    }

    @Override
    public void onComplete() {
      try (Scope ignored = context.makeCurrent()) {
        actual.onComplete();
      }
    }
  }
}
