package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.instrumentation.servlet.CheckpointControlServlet;
import dev.checkpoint.instrumentation.servlet.CheckpointFilter;
import dev.checkpoint.instrumentation.spring.internal.ErrorPages;
import dev.checkpoint.instrumentation.spring.internal.SpringMvcRoutes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.error.ErrorPageRegistrar;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Records every request of a servlet web application as an {@code HTTP_SERVER} checkpoint with the
 * {@link CheckpointFilter}, named by Spring MVC's matched path pattern when there is one; a request
 * that fails or sends an error is recorded with Spring Boot's error page (HTML or JSON) as its
 * response when an error page covers every error, as Boot's {@code /error} does; and mounts the
 * control endpoint at {@value CheckpointControlServlet#PATH} when {@code checkpoint.control-token}
 * is set. Switched off with {@code checkpoint.web.enabled=false}.
 */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "checkpoint.web.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Filter.class)
@ConditionalOnBean(CheckpointRecorder.class)
public final class CheckpointWebAutoConfiguration {

  /** Runs right after the character-encoding filter, so the whole request is seen. */
  static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

  private static final boolean SPRING_MVC_PRESENT =
      ClassUtils.isPresent(
          "org.springframework.web.servlet.HandlerMapping",
          CheckpointWebAutoConfiguration.class.getClassLoader());

  /** Created by Spring. */
  public CheckpointWebAutoConfiguration() {}

  @Bean
  FilterRegistrationBean<CheckpointFilter> checkpointFilter(
      CheckpointRecorder recorder, ObjectProvider<ErrorPageRegistrar> errorPages) {
    CheckpointFilter.Builder filter =
        CheckpointFilter.builder(recorder).errorPages(ErrorPages.coverEveryError(errorPages));
    if (SPRING_MVC_PRESENT) {
      filter.routeResolver(SpringMvcRoutes::route);
    }
    FilterRegistrationBean<CheckpointFilter> registration =
        new FilterRegistrationBean<>(filter.build());
    registration.setName("checkpointFilter");
    registration.addUrlPatterns("/*");
    // The ERROR dispatch renders Spring Boot's error page of a failed request.
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
    registration.setAsyncSupported(true);
    registration.setOrder(FILTER_ORDER);
    return registration;
  }

  @Bean
  @ConditionalOnProperty("checkpoint.control-token")
  ServletRegistrationBean<CheckpointControlServlet> checkpointControlServlet(
      CheckpointRecorder recorder) {
    ServletRegistrationBean<CheckpointControlServlet> registration =
        new ServletRegistrationBean<>(
            CheckpointControlServlet.create(recorder.control()), CheckpointControlServlet.PATH);
    registration.setName("checkpointControl");
    return registration;
  }
}
