package dev.checkpoint.agent.internal.adapters;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.spring.CheckpointExchangeFilterFunction;
import java.lang.reflect.Field;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the Spring Boot starter's {@code CheckpointExchangeFilterFunction} last to a {@code
 * WebClient.Builder} that is about to build a client, as the starter's customizer does, unless it
 * has one (a builder that built before, a client's {@code mutate()}, or a builder the application
 * or the starter gave the filter itself), or the client will run on the JDK's {@code HttpClient},
 * which the agent records already.
 */
public final class WebClientAdapter implements UnaryOperator<Object> {

  /** The filter's class, whether the agent's relocated copy or the starter's own. */
  private static final String FILTER = ".spring.CheckpointExchangeFilterFunction";

  /**
   * {@code DefaultWebClientBuilder}'s flags for the clients it picks before the JDK's when the
   * application set no connector (Spring Framework 7).
   */
  private static final List<String> PREFERRED_CLIENTS =
      List.of(
          "REACTOR_NETTY_CLIENT_PRESENT", "JETTY_CLIENT_PRESENT", "HTTP_COMPONENTS_CLIENT_PRESENT");

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
    if (runsOnJdkClient(builder)) {
      return builder;
    }
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

  /**
   * Whether the client will send through a {@code JdkClientHttpConnector}, whose {@code HttpClient}
   * the agent wrapped when it was built: the filter would record each call a second time. {@code
   * false} when the builder's fields are not Spring Framework 7's: the filter is added then.
   */
  private static boolean runsOnJdkClient(WebClient.Builder builder) {
    try {
      Object connector = field(builder.getClass(), "connector").get(builder);
      if (connector != null) {
        return connector instanceof JdkClientHttpConnector;
      }
      for (String preferred : PREFERRED_CLIENTS) {
        if (field(builder.getClass(), preferred).getBoolean(null)) {
          return false;
        }
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }
}
