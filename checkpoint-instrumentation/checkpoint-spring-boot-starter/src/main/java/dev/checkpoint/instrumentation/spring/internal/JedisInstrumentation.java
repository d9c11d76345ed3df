package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

/**
 * Puts a {@link RecordingJedisConnectionFactory} with the same configuration in place of each
 * standalone Spring Data Redis {@link JedisConnectionFactory} bean (Spring Boot's, with {@code
 * spring.data.redis.client-type=jedis}, or one the application declares), before it is initialised,
 * so that its commands are recorded as Lettuce's are. A factory of a subclass of the application's
 * own, or for Sentinel or a cluster, is left as it is, with a WARNING naming it.
 */
public final class JedisInstrumentation extends InstrumentingPostProcessor {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(JedisInstrumentation.class.getName());
  private static final System.Logger SETUP = System.getLogger(JedisInstrumentation.class.getName());

  /**
   * Creates the post-processor.
   *
   * @param recorder the recorder, looked up when the first connection factory is replaced
   */
  public JedisInstrumentation(ObjectProvider<Instrumenter> recorder) {
    super(recorder);
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (!(bean instanceof JedisConnectionFactory factory)) {
      return bean;
    }
    try {
      if (factory.getClass() != JedisConnectionFactory.class
          || factory.isRedisSentinelAware()
          || factory.isRedisClusterAware()) {
        SETUP.log(
            System.Logger.Level.WARNING,
            "The Redis commands of the connection factory '"
                + beanName
                + "' are not recorded: the starter records those of a plain standalone"
                + " JedisConnectionFactory, and this one is "
                + (factory.getClass() != JedisConnectionFactory.class
                    ? "a " + factory.getClass().getName()
                    : "for Redis Sentinel or a cluster")
                + ". Use Lettuce (Spring Boot's default), whose commands are recorded in every"
                + " set-up, or build the Jedis client with JedisCheckpoints.");
        return bean;
      }
      RecordingJedisConnectionFactory recording =
          new RecordingJedisConnectionFactory(
              factory.getStandaloneConfiguration(),
              factory.getClientConfiguration(),
              recorder.getObject());
      recording.setConvertPipelineAndTxResults(factory.getConvertPipelineAndTxResults());
      recording.setPhase(factory.getPhase());
      recording.setAutoStartup(factory.isAutoStartup());
      recording.setEarlyStartup(factory.isEarlyStartup());
      return recording;
    } catch (RuntimeException e) {
      LOG.failed("Instrumenting the Redis connection factory '" + beanName + "'", e);
      return bean;
    }
  }
}
