package dev.checkpoint.agent.internal.adapters;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.httpclient.JavaHttpClientCheckpoints;
import java.net.http.HttpClient;
import java.util.function.UnaryOperator;

/** Wraps every client the JDK's {@code HttpClient.Builder} builds in the recording client. */
public final class JavaHttpClientAdapter implements UnaryOperator<Object> {

  private final Instrumenter recorder;

  /**
   * Creates the adapter.
   *
   * @param recorder the agent's recorder
   */
  public JavaHttpClientAdapter(Instrumenter recorder) {
    this.recorder = recorder;
  }

  @Override
  public Object apply(Object target) {
    return JavaHttpClientCheckpoints.wrap((HttpClient) target, recorder);
  }
}
