package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.instrumentation.spring.internal.RecorderFactory;
import dev.checkpoint.instrumentation.spring.internal.RecorderShutdown;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Creates the application's {@link CheckpointRecorder} from the {@code checkpoint.*} properties,
 * installs it behind {@link dev.checkpoint.Checkpoints} and, when the application context closes,
 * uninstalls it and shuts it down, exporting what is queued. The context's own instrumentation
 * (filter, clients, data source, {@code @Checkpoint} beans) always records through its own
 * recorder; the process-wide facade records through the context started last that is still open. A
 * {@link CheckpointExporter} bean, such as an {@code InMemoryExporter} in tests, replaces the
 * configured exporter; a {@link CheckpointRecorder} bean replaces the whole recorder.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CheckpointProperties.class)
public final class CheckpointAutoConfiguration {

  /** Created by Spring. */
  public CheckpointAutoConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(CheckpointRecorder.class)
  static final class RecorderConfiguration {

    @Bean
    CheckpointRecorder checkpointRecorder(
        CheckpointProperties properties,
        Environment environment,
        ObjectProvider<CheckpointExporter> exporter) {
      return RecorderFactory.create(
              properties,
              environment.getProperty("spring.application.name"),
              exporter.getIfUnique())
          .install();
    }

    @Bean
    RecorderShutdown checkpointRecorderShutdown(
        CheckpointRecorder recorder, CheckpointProperties properties) {
      return new RecorderShutdown(recorder, properties.getExport().getTimeout());
    }
  }
}
