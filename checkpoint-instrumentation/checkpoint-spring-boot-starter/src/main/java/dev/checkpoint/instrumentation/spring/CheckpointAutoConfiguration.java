package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.CheckpointClock;
import dev.checkpoint.CheckpointIds;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.instrumentation.spring.internal.ApplicationIdentity;
import dev.checkpoint.instrumentation.spring.internal.RecorderFactory;
import dev.checkpoint.instrumentation.spring.internal.RecorderShutdown;
import dev.checkpoint.instrumentation.spring.internal.StartupTree;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Creates the application's {@link CheckpointRecorder} from the {@code checkpoint.*} properties,
 * installs it behind {@link dev.checkpoint.Checkpoints} and, when the application context closes,
 * uninstalls it and shuts it down, exporting what is queued. The context's own instrumentation
 * (filter, clients, data source, {@code @Checkpoint} beans) always records through its own
 * recorder; the process-wide facade records through the context started last that is still open. A
 * {@link CheckpointExporter} bean, such as an {@code InMemoryExporter} in tests, replaces the
 * configured exporter; a {@link CheckpointRecorder} bean replaces the whole recorder.
 *
 * <p>Defaults that fit an application: the service name is {@code spring.application.name}, else
 * derived from the {@code @SpringBootApplication} class ({@code ClinicApplication} → {@code
 * clinic}); checkpoints recorded outside any run (no {@code checkpoint.run-id}, no run in the
 * request's baggage) land in the run of this start, {@code manual-<service>-<UTC start time>}; and
 * what is recorded while the context starts (schema and data scripts, Hibernate) is one tree under
 * a {@code METHOD} checkpoint named {@code startup}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CheckpointProperties.class)
public final class CheckpointAutoConfiguration {

  /** Created by Spring. */
  public CheckpointAutoConfiguration() {}

  /**
   * The clock the application reads time through, so that the times it read are recorded and given
   * back in replay; an application's own {@link Clock} bean wins.
   *
   * @return the clock in UTC
   */
  @Bean
  @ConditionalOnMissingBean(Clock.class)
  Clock checkpointClock() {
    return CheckpointClock.systemUtc();
  }

  /**
   * The random ids the application generates, recorded and given back in replay; inject it as a
   * {@code Supplier<UUID>}.
   *
   * @return the id supplier
   */
  @Bean
  @ConditionalOnMissingBean(CheckpointIds.class)
  CheckpointIds checkpointIds() {
    return CheckpointIds.random();
  }

  /**
   * No recorder, and so none of the starter's instrumentation, under the Java agent, which sets
   * {@code checkpoint.agent=true} and records the same calls itself: each call is recorded once, in
   * one tree. The clock and id beans stay; they reach the agent's recorder through the API.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(CheckpointRecorder.class)
  @ConditionalOnBooleanProperty(
      name = "checkpoint.agent",
      havingValue = false,
      matchIfMissing = true)
  static final class RecorderConfiguration {

    // Opened with the recorder, closed as a bean once every singleton exists.
    private final StartupTree startup = new StartupTree();

    @Bean
    CheckpointRecorder checkpointRecorder(
        CheckpointProperties properties,
        Environment environment,
        ListableBeanFactory beans,
        ObjectProvider<CheckpointExporter> exporter) {
      ApplicationIdentity application =
          new ApplicationIdentity(
              environment.getProperty("spring.application.name"), mainClass(beans), Instant.now());
      CheckpointRecorder recorder =
          RecorderFactory.create(properties, application, exporter.getIfUnique()).install();
      startup.open(recorder);
      return recorder;
    }

    @Bean
    StartupTree checkpointStartupTree() {
      return startup;
    }

    @Bean
    RecorderShutdown checkpointRecorderShutdown(
        CheckpointRecorder recorder, CheckpointProperties properties) {
      return new RecorderShutdown(recorder, properties.getExport().getTimeout());
    }

    /** The application's {@code @SpringBootApplication} (or other boot configuration) class. */
    private static Class<?> mainClass(ListableBeanFactory beans) {
      for (String name : beans.getBeanNamesForAnnotation(SpringBootConfiguration.class)) {
        Class<?> type = beans.getType(name, false);
        if (type != null) {
          return ClassUtils.getUserClass(type);
        }
      }
      return null;
    }
  }
}
