package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * Records every request of a reactive (WebFlux) web application as an {@code HTTP_SERVER}
 * checkpoint with the {@link CheckpointWebFilter}, named by the matched route template. Switched
 * off with {@code checkpoint.web.enabled=false}, like the servlet filter.
 */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "checkpoint.web.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(WebFilter.class)
@ConditionalOnBean(CheckpointRecorder.class)
public final class CheckpointWebFluxAutoConfiguration {

  /** Created by Spring. */
  public CheckpointWebFluxAutoConfiguration() {}

  @Bean
  CheckpointWebFilter checkpointWebFilter(CheckpointRecorder recorder) {
    return CheckpointWebFilter.create(recorder);
  }
}
