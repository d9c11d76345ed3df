package dev.checkpoint.instrumentation.httpclient;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.httpclient.internal.CheckpointInterceptor;
import java.util.Objects;
import okhttp3.Interceptor;

/**
 * Records the calls of an OkHttp client as {@code HTTP_CLIENT} checkpoints.
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .addInterceptor(OkHttpCheckpoints.interceptor(recorder))
 *     .build();
 * }</pre>
 *
 * <p>Add it as an application interceptor (not a network one): one checkpoint per call, before
 * redirects and retries. It ends when the application has read the response body to its end or
 * closed the response. The checkpoint's parent is the checkpoint current on the thread that runs
 * the interceptor: for {@code enqueue}, give the client a dispatcher whose executor carries the
 * context, {@code new Dispatcher(Context.wrap(executorService))}.
 */
public final class OkHttpCheckpoints {

  private OkHttpCheckpoints() {}

  /**
   * The recording interceptor.
   *
   * @param recorder the recorder
   * @return an application interceptor
   */
  public static Interceptor interceptor(Instrumenter recorder) {
    return new CheckpointInterceptor(Objects.requireNonNull(recorder, "recorder"));
  }
}
