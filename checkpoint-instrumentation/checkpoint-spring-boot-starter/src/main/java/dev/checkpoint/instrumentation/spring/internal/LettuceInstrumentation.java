package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.instrumentation.redis.LettuceCheckpoints;
import io.lettuce.core.AbstractRedisClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Adds {@code checkpoint-redis}'s command listener to the Lettuce client of each {@link
 * LettuceConnectionFactory} bean. Spring Data Redis offers no hook into the client it builds (its
 * client configuration carries options and resources, not listeners), but the factory builds it
 * while it is initialised (its default early start-up) and connects lazily, so the client is there
 * and not yet connected when the bean is handed to post-processors.
 */
public final class LettuceInstrumentation extends InstrumentingPostProcessor {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(LettuceInstrumentation.class.getName());

  private static final System.Logger SETUP =
      System.getLogger(LettuceInstrumentation.class.getName());

  /**
   * Creates the post-processor.
   *
   * @param recorder the recorder, looked up when the first connection factory is instrumented
   */
  public LettuceInstrumentation(ObjectProvider<Instrumenter> recorder) {
    super(recorder);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof LettuceConnectionFactory factory)) {
      return bean;
    }
    try {
      // Not running: its client is built when the context starts, and getNativeClient() throws.
      if (!factory.isRunning()) {
        SETUP.log(
            System.Logger.Level.WARNING,
            "The Redis commands of the connection factory '"
                + beanName
                + "' are not recorded: its early start-up is switched off, so its Lettuce client"
                + " is built after the starter could add its listener. Leave"
                + " setEarlyStartup(true), the default, to record them.");
        return bean;
      }
      AbstractRedisClient client = factory.getRequiredNativeClient();
      LettuceCheckpoints.register(client, recorder.getObject());
      if (factory.getEagerInitialization()) {
        // The shared connection was opened before the listener was there: the next use reopens it.
        factory.resetConnection();
      }
    } catch (RuntimeException e) {
      LOG.failed("Instrumenting the Redis connection factory '" + beanName + "'", e);
    }
    return bean;
  }
}
