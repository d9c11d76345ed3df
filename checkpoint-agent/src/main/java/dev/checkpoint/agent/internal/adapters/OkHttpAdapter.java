package dev.checkpoint.agent.internal.adapters;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.httpclient.OkHttpCheckpoints;
import java.util.function.UnaryOperator;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Adds the HTTP client instrumentation's OkHttp interceptor to a builder that is about to build a
 * client, unless it has one (a client built from another's {@code newBuilder()}, or one the
 * application instrumented with the library).
 */
public final class OkHttpAdapter implements UnaryOperator<Object> {

  /** The interceptor's class, whether the agent's relocated copy or the library's own. */
  private static final String INTERCEPTOR = ".httpclient.internal.CheckpointInterceptor";

  private final Instrumenter recorder;

  /**
   * Creates the adapter.
   *
   * @param recorder the agent's recorder
   */
  public OkHttpAdapter(Instrumenter recorder) {
    this.recorder = recorder;
  }

  @Override
  public Object apply(Object target) {
    OkHttpClient.Builder builder = (OkHttpClient.Builder) target;
    for (Interceptor interceptor : builder.interceptors()) {
      if (interceptor.getClass().getName().endsWith(INTERCEPTOR)) {
        return builder;
      }
    }
    return builder.addInterceptor(OkHttpCheckpoints.interceptor(recorder));
  }
}
