package dev.checkpoint.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.checkpoint.core.export.WireFormat;
import dev.checkpoint.core.model.CheckpointData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Posts gzip JSON batches to the checkpoint server's ingestion API. The request timeout bounds the
 * whole exchange: {@link HttpRequest#timeout} alone stops counting once the response headers
 * arrive, so a server that sends headers and then stalls the body would hold the exporter's only
 * thread for as long as the connection lives.
 */
public final class HttpBatchSink implements BatchSink {

  private static final int MAX_DETAIL_CHARS = 300;

  private final HttpClient client;
  private final URI uri;
  private final String token;
  private final String service;
  private final String instance;
  private final Duration requestTimeout;

  /**
   * Creates the sink.
   *
   * @param endpoint the server's base URL, such as {@code http://127.0.0.1:7070}
   * @param token the ingest token, or {@code null} when the server has none configured
   * @param service the sending service
   * @param instance the sending process
   * @param requestTimeout how long one request may take, from connecting to the end of the body
   */
  public HttpBatchSink(
      URI endpoint, String token, String service, String instance, Duration requestTimeout) {
    this.uri = ingestionUri(endpoint);
    this.token = token;
    this.service = service;
    this.instance = instance;
    this.requestTimeout = requestTimeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(requestTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * The ingestion URL under a base URL.
   *
   * @param endpoint the server's base URL
   * @return {@code <endpoint>/api/v1/checkpoints}
   */
  public static URI ingestionUri(URI endpoint) {
    String base = endpoint.toString();
    return URI.create(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/checkpoints");
  }

  @Override
  public SinkResult write(List<CheckpointData> batch) {
    byte[] body;
    try {
      body = gzip(batch);
    } catch (IOException e) {
      return SinkResult.rejected("could not encode the batch: " + e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .header("User-Agent", WireFormat.SDK)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    CompletableFuture<HttpResponse<String>> exchange =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    try {
      return classify(exchange.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (ExecutionException e) {
      return SinkResult.retry(0, "POST " + uri + " failed: " + e.getCause());
    } catch (TimeoutException e) {
      // Cancelling aborts the exchange and closes its connection (JDK 16 and later).
      exchange.cancel(true);
      return SinkResult.retry(
          0,
          "POST "
              + uri
              + " did not complete within "
              + requestTimeout.toMillis()
              + " ms (connecting, sending, and reading the response's headers and body)");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return SinkResult.retry(0, "interrupted while posting to " + uri);
    }
  }

  private SinkResult classify(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return SinkResult.OK;
    }
    String detail = "POST " + uri + " answered " + status + ": " + abbreviate(response.body());
    if (status == 408 || status == 429 || status >= 500) {
      return SinkResult.retry(retryAfterMillis(response), detail);
    }
    return SinkResult.rejected(detail);
  }

  private static long retryAfterMillis(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(HttpBatchSink::retryAfterMillis)
        .orElse(0L);
  }

  /**
   * RFC 9110 allows both forms: delay-seconds, or an HTTP-date (what proxies and load balancers in
   * front of the server tend to send). A value in neither form means no wait was asked.
   */
  static long retryAfterMillis(String value) {
    String trimmed = value.strip();
    try {
      long seconds = Math.max(0, Long.parseLong(trimmed));
      return Math.min(seconds, Long.MAX_VALUE / 1000) * 1000;
    } catch (NumberFormatException notSeconds) {
      try {
        Instant until = DateTimeFormatter.RFC_1123_DATE_TIME.parse(trimmed, Instant::from);
        return Math.max(0, Duration.between(Instant.now(), until).toMillis());
      } catch (DateTimeParseException notADate) {
        return 0L;
      }
    }
  }

  private byte[] gzip(List<CheckpointData> batch) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes);
        JsonGenerator generator = JsonCodec.mapper().getFactory().createGenerator(gzip)) {
      WireFormat.writeBatch(generator, UUID.randomUUID().toString(), service, instance, batch);
    }
    return bytes.toByteArray();
  }

  private static String abbreviate(String body) {
    return body.length() <= MAX_DETAIL_CHARS ? body : body.substring(0, MAX_DETAIL_CHARS) + "...";
  }
}
