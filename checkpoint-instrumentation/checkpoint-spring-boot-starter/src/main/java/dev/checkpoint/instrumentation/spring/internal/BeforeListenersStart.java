package dev.checkpoint.instrumentation.spring.internal;

import org.springframework.context.SmartLifecycle;

/**
 * A lifecycle of the earliest phase that instruments listener containers once: those of
 * {@code @RabbitListener} and {@code @KafkaListener} are not beans but created by their endpoint
 * registries once every bean exists, and started with the application context, in a later phase.
 * Running first, this sees them after they were created and before they consume. A container
 * registered later, while the application runs, is not instrumented.
 */
abstract class BeforeListenersStart implements SmartLifecycle {

  private volatile boolean running;

  /** Instruments the containers that exist now. */
  abstract void instrumentContainers();

  @Override
  public final void start() {
    instrumentContainers();
    running = true;
  }

  @Override
  public final void stop() {
    running = false;
  }

  @Override
  public final boolean isRunning() {
    return running;
  }

  @Override
  public final int getPhase() {
    // Before the registries' phase, in which the containers start consuming.
    return Integer.MIN_VALUE;
  }
}
