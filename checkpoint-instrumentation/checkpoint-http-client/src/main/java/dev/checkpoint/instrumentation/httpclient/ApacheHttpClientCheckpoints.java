package dev.checkpoint.instrumentation.httpclient;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.httpclient.internal.CheckpointExecChainHandler;
import java.util.Objects;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Records the calls of an Apache HttpClient 5 classic client as {@code HTTP_CLIENT} checkpoints.
 *
 * <pre>{@code
 * CloseableHttpClient client =
 *     ApacheHttpClientCheckpoints.instrument(HttpClients.custom(), recorder).build();
 * }</pre>
 *
 * <p>One checkpoint per {@code execute}, before redirects and retries. It ends when the application
 * has read the response body to its end or closed the response (a response without a body ends at
 * once). The checkpoint's parent is the checkpoint current on the calling thread.
 */
public final class ApacheHttpClientCheckpoints {

  /** The name the handler is registered under in the execution chain. */
  public static final String HANDLER_NAME = "checkpoint";

  private ApacheHttpClientCheckpoints() {}

  /**
   * Adds the recording handler at the head of a builder's execution chain.
   *
   * @param builder the builder, such as {@code HttpClients.custom()}
   * @param recorder the recorder
   * @return the same builder
   */
  public static HttpClientBuilder instrument(HttpClientBuilder builder, Instrumenter recorder) {
    Objects.requireNonNull(builder, "builder");
    return builder.addExecInterceptorFirst(HANDLER_NAME, execChainHandler(recorder));
  }

  /**
   * The recording handler, for builders assembled by hand.
   *
   * @param recorder the recorder
   * @return the handler
   */
  public static ExecChainHandler execChainHandler(Instrumenter recorder) {
    return new CheckpointExecChainHandler(Objects.requireNonNull(recorder, "recorder"));
  }
}
