package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.spring.internal.CheckpointMethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

/**
 * Records calls to methods of Spring beans annotated with {@link dev.checkpoint.Checkpoint} (on the
 * method, or on the class or interface for every method it declares, Spring Data repository
 * interfaces included) as {@code METHOD} checkpoints: the arguments by parameter name as input
 * (those Spring MVC supplies left out or summarised), the return value as output, an exception as
 * the error, rethrown unchanged. {@code @InitBinder} methods are not recorded. Plain Spring AOP: no
 * AspectJ weaver is needed. Switched off with {@code checkpoint.annotations.enabled=false}.
 */
@AutoConfiguration(after = {CheckpointAutoConfiguration.class, AopAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "checkpoint.annotations.enabled", matchIfMissing = true)
@ConditionalOnBean(CheckpointRecorder.class)
public final class CheckpointAnnotationAutoConfiguration {

  /** Created by Spring. */
  public CheckpointAnnotationAutoConfiguration() {}

  // Infrastructure role: Spring Boot's auto-proxy creator without AspectJ only applies those.
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static Advisor checkpointAdvisor(ObjectProvider<Instrumenter> recorder) {
    return new DefaultPointcutAdvisor(
        CheckpointMethodInterceptor.pointcut(), new CheckpointMethodInterceptor(recorder));
  }
}
