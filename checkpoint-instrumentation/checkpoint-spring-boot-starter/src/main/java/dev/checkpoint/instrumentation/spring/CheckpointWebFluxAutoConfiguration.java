package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.instrumentation.spring.internal.ExceptionHandlerResponses;
import dev.checkpoint.instrumentation.spring.internal.ReactiveControlEndpoint;
import dev.checkpoint.instrumentation.spring.internal.ReactorScheduling;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * Records every request of a reactive (WebFlux) web application as an {@code HTTP_SERVER}
 * checkpoint with the {@link CheckpointWebFilter}, named by the matched route template, and routes
 * the control endpoint {@code /checkpoint/control} when {@code checkpoint.control-token} is set;
 * the exception handlers' answers are recorded too ({@code ExceptionHandlerResponses}), and work a
 * handler moves to a Reactor scheduler stays in the request's tree ({@code ReactorScheduling},
 * switched off alone with {@code checkpoint.reactor.enabled=false}). Switched off with {@code
 * checkpoint.web.enabled=false}, like the servlet filter.
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

  @Bean
  @ConditionalOnBooleanProperty(name = "checkpoint.reactor.enabled", matchIfMissing = true)
  ReactorScheduling checkpointReactorScheduling() {
    return new ReactorScheduling();
  }

  @Bean
  ExceptionHandlerResponses checkpointExceptionHandlerResponses(CheckpointRecorder recorder) {
    return new ExceptionHandlerResponses(recorder);
  }

  @Bean
  @ConditionalOnProperty("checkpoint.control-token")
  RouterFunction<ServerResponse> checkpointControlRoute(CheckpointRecorder recorder) {
    return ReactiveControlEndpoint.route(recorder.control());
  }
}
