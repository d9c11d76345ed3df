package dev.checkpoint.agent.internal.adapters;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.httpclient.ApacheHttpClientCheckpoints;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.UnaryOperator;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Adds the HTTP client instrumentation's handler at the head of an Apache HttpClient 5 builder's
 * execution chain before it builds a client, once per builder (a builder may build several).
 */
public final class ApacheHttpClientAdapter implements UnaryOperator<Object> {

  private final Instrumenter recorder;

  /** Builders that have the handler; weak, so that a builder is not kept for the agent's sake. */
  private final Set<HttpClientBuilder> instrumented =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /**
   * Creates the adapter.
   *
   * @param recorder the agent's recorder
   */
  public ApacheHttpClientAdapter(Instrumenter recorder) {
    this.recorder = recorder;
  }

  @Override
  public Object apply(Object target) {
    HttpClientBuilder builder = (HttpClientBuilder) target;
    if (instrumented.add(builder)) {
      ApacheHttpClientCheckpoints.instrument(builder, recorder);
    }
    return builder;
  }
}
