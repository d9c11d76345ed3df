package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the {@link CheckpointClientHttpRequestInterceptor} to every {@code RestClient.Builder} and
 * {@code RestTemplateBuilder}, and the {@link CheckpointExchangeFilterFunction} to every {@code
 * WebClient.Builder}, that the application gets from Spring Boot. Each is added last, so it records
 * the request as it goes on the wire. Switched off with {@code
 * checkpoint.http-client.enabled=false}.
 */
@AutoConfiguration(after = CheckpointAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "checkpoint.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "checkpoint.http-client.enabled", matchIfMissing = true)
@ConditionalOnBean(CheckpointRecorder.class)
public final class CheckpointHttpClientAutoConfiguration {

  /** Created by Spring. */
  public CheckpointHttpClientAutoConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({RestClient.class, RestClientCustomizer.class})
  static final class RestClientConfiguration {

    @Bean
    CheckpointClientHttpRequestInterceptor checkpointClientHttpRequestInterceptor(
        CheckpointRecorder recorder) {
      return CheckpointClientHttpRequestInterceptor.create(recorder);
    }

    @Bean
    RestClientCustomizer checkpointRestClientCustomizer(
        CheckpointClientHttpRequestInterceptor interceptor) {
      return builder -> builder.requestInterceptors(list -> addOnce(list, interceptor));
    }

    @Bean
    RestTemplateCustomizer checkpointRestTemplateCustomizer(
        CheckpointClientHttpRequestInterceptor interceptor) {
      return template -> {
        // Set, not added to, so the template drops the request factory it built for the old list.
        var interceptors = new ArrayList<>(template.getInterceptors());
        addOnce(interceptors, interceptor);
        template.setInterceptors(interceptors);
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({WebClient.class, WebClientCustomizer.class})
  static final class WebClientConfiguration {

    @Bean
    CheckpointExchangeFilterFunction checkpointExchangeFilterFunction(CheckpointRecorder recorder) {
      return CheckpointExchangeFilterFunction.create(recorder);
    }

    @Bean
    WebClientCustomizer checkpointWebClientCustomizer(CheckpointExchangeFilterFunction filter) {
      return builder -> builder.filters(filters -> addOnce(filters, filter));
    }
  }

  private static <T> void addOnce(List<T> list, T element) {
    // A builder customized twice (a copy of a customized one) must not record each call twice.
    if (!list.contains(element)) {
      list.add(element);
    }
  }
}
