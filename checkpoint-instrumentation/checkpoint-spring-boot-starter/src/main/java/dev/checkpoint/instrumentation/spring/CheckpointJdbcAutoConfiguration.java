package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.spring.internal.DataSourceWrapper;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Wraps every {@link DataSource} bean so that its statements are recorded as {@code SQL}
 * checkpoints by the {@code checkpoint-jdbc} wrapper. The bean keeps its class and its own methods
 * (a pool's {@code close()}, its metrics), and {@code unwrap} still reaches the original. Switched
 * off with {@code checkpoint.jdbc.enabled=false}.
 */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "checkpoint.jdbc.enabled", matchIfMissing = true)
@ConditionalOnClass(DataSource.class)
@ConditionalOnBean(CheckpointRecorder.class)
public final class CheckpointJdbcAutoConfiguration {

  /** Created by Spring. */
  public CheckpointJdbcAutoConfiguration() {}

  // Static: a post-processor is created before the other beans, and must not pull them in early.
  @Bean
  static DataSourceWrapper checkpointDataSourceWrapper(ObjectProvider<Instrumenter> recorder) {
    return new DataSourceWrapper(recorder);
  }
}
