package dev.checkpoint.instrumentation.httpclient;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.httpclient.internal.CheckpointingHttpClient;
import java.net.http.HttpClient;
import java.util.Objects;

/**
 * Records the calls of a {@link java.net.http.HttpClient} as {@code HTTP_CLIENT} checkpoints.
 *
 * <pre>{@code
 * HttpClient client = JavaHttpClientCheckpoints.wrap(HttpClient.newHttpClient(), recorder);
 * }</pre>
 *
 * <p>{@code send} and {@code sendAsync} are recorded; the checkpoint ends when the whole response
 * body has been delivered to the application's body handler, or when the call fails. With a
 * streaming handler such as {@code ofInputStream}, which takes the body only as fast as the
 * application reads it, that is about when the application has read it. The checkpoint's parent is
 * the checkpoint current on the calling thread.
 *
 * <p>On JDK 21 and later, {@code close()} closes the wrapped client; {@code shutdown()}, {@code
 * shutdownNow()} and {@code awaitTermination} are not passed on: call them on the wrapped client.
 */
public final class JavaHttpClientCheckpoints {

  /**
   * The recording client's class name ends so, whether it is this library's or the Java agent's
   * relocated copy, which wraps every client the JDK builds.
   */
  private static final String RECORDING_CLIENT = ".httpclient.internal.CheckpointingHttpClient";

  private JavaHttpClientCheckpoints() {}

  /**
   * Wraps a client. A client that records already (wrapped before, or built under the Java agent)
   * is returned as it is, so that no call is recorded twice.
   *
   * @param client the client to record
   * @param recorder the recorder
   * @return a client that records and otherwise behaves as {@code client}
   */
  public static HttpClient wrap(HttpClient client, Instrumenter recorder) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(recorder, "recorder");
    if (client.getClass().getName().endsWith(RECORDING_CLIENT)) {
      return client;
    }
    return new CheckpointingHttpClient(client, recorder);
  }
}
