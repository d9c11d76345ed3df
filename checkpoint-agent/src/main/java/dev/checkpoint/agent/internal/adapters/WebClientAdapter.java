package dev.checkpoint.agent.internal.adapters;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.spring.CheckpointExchangeFilterFunction;
import java.util.function.UnaryOperator;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the Spring Boot starter's {@code CheckpointExchangeFilterFunction} last to a {@code
 * WebClient.Builder} that is about to build a client, as the starter's customizer does, unless it
 * has one: a builder that built before, a client's {@code mutate()}, or a builder the application
 * (or the starter) gave the filter itself.
 */
public final class WebClientAdapter implements UnaryOperator<Object> {

  /** The filter's class, whether the agent's relocated copy or the starter's own. */
  private static final String FILTER = ".spring.CheckpointExchangeFilterFunction";

  private final Instrumenter recorder;

  /**
   * Creates the adapter.
   *
   * @param recorder the agent's recorder
   */
  public WebClientAdapter(Instrumenter recorder) {
    this.recorder = recorder;
  }

  @Override
  public Object apply(Object target) {
    WebClient.Builder builder = (WebClient.Builder) target;
    return builder.filters(
        filters -> {
          for (ExchangeFilterFunction filter : filters) {
            if (filter.getClass().getName().endsWith(FILTER)) {
              return;
            }
          }
          filters.add(CheckpointExchangeFilterFunction.create(recorder));
        });
  }
}
