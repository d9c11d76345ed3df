package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Instrumenter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * A post-processor that instruments client beans with the recorder, last among post-processors so
 * that it sees each bean as the application configured it. The recorder is looked up when the first
 * bean is instrumented: a post-processor is created before the other beans, and must not pull them
 * in early.
 */
abstract class InstrumentingPostProcessor implements BeanPostProcessor, Ordered {

  /** The recorder, looked up on first use. */
  final ObjectProvider<Instrumenter> recorder;

  InstrumentingPostProcessor(ObjectProvider<Instrumenter> recorder) {
    this.recorder = recorder;
  }

  @Override
  public final int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
