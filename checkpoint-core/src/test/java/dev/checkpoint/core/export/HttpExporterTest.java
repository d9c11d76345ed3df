package dev.checkpoint.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.checkpoint.core.internal.CapturedLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs the HTTP exporter against a real local HTTP server that misbehaves on purpose. */
class HttpExporterTest {

  private static ExportSettings.Builder fast() {
    return ExportSettings.builder()
        .maxQueueSize(100)
        .maxQueueBytes(1L << 20)
        .maxBatchSize(10)
        .maxBatchBytes(1L << 20)
        .exportInterval(Duration.ofMillis(20))
        .retryWindow(Duration.ofMillis(300))
        .initialBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(40))
        .requestTimeout(Duration.ofSeconds(2));
  }

  private static final ExportSettings FAST = fast().build();

  private final ObjectMapper mapper = new ObjectMapper();
  private final List<JsonNode> batches = Collections.synchronizedList(new ArrayList<>());
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch testEnded = new CountDownLatch(1);
  private HttpServer server;
  private ExecutorService handlers;
  private CheckpointExporter exporter;

  @AfterEach
  void stop() {
    testEnded.countDown();
    if (exporter != null) {
      exporter.shutdown(Duration.ofSeconds(2));
    }
    if (server != null) {
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  @Test
  void acceptedBatchesArriveGzippedInTheWireFormat() throws Exception {
    startServer(exchange -> respond(exchange, 200, "{\"accepted\":3,\"duplicates\":0}"));
    exporter = exporter(FAST);

    for (int i = 0; i < 3; i++) {
      exporter.export(SampleCheckpoints.sample(i));
    }

    assertThat(exporter.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(batches).hasSize(1);
    JsonNode batch = batches.get(0);
    assertThat(batch.get("batchId").asText()).hasSize(36);
    assertThat(batch.at("/resource/service").asText()).isEqualTo("payments");
    assertThat(batch.at("/resource/sdk").asText()).isEqualTo(WireFormat.SDK);
    JsonNode first = batch.get("checkpoints").get(0);
    assertThat(first.get("startTimeUnixNano").isTextual()).isTrue();
    assertThat(first.get("startTimeUnixNano").asText()).isEqualTo("1763900000123456789");
    assertThat(first.get("kind").asText()).isEqualTo("METHOD");
    assertThat(first.at("/input/amount").asInt()).isZero();
    assertThat(first.get("parentId").isNull()).isTrue();
    assertThat(authorizations).containsOnly("Bearer ingest-secret");
    assertThat(exporter.stats()).isEqualTo(new ExporterStats(0, 3, 0, 1, 0));
  }

  @Test
  void serverErrorsAreRetriedUntilTheBatchIsTaken() throws Exception {
    AtomicInteger failuresLeft = new AtomicInteger(2);
    startServer(
        exchange -> {
          if (failuresLeft.getAndDecrement() > 0) {
            respond(exchange, 503, "{\"error\":\"database unavailable\"}");
          } else {
            respond(exchange, 200, "{}");
          }
        });
    exporter = exporter(FAST);

    exporter.export(SampleCheckpoints.sample(1));

    assertThat(exporter.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(requests.get()).isEqualTo(3);
    assertThat(batches).hasSize(3);
    assertThat(exporter.stats().exported()).isEqualTo(1);
    assertThat(exporter.stats().dropped()).isZero();
  }

  @Test
  void tooManyRequestsWaitsForRetryAfter() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    startServer(
        exchange -> {
          arrivals.add(System.nanoTime());
          if (calls.getAndIncrement() == 0) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            respond(exchange, 429, "{\"error\":\"rate limited\"}");
          } else {
            respond(exchange, 200, "{}");
          }
        });
    exporter =
        exporter(
            fast().maxBackoff(Duration.ofSeconds(2)).retryWindow(Duration.ofSeconds(10)).build());

    exporter.export(SampleCheckpoints.sample(1));

    assertThat(exporter.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(arrivals).hasSize(2);
    assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0)))
        .as("waited for Retry-After")
        .isGreaterThanOrEqualTo(900);
    assertThat(exporter.stats().exported()).isEqualTo(1);
  }

  @Test
  void retryAfterLongerThanTheLongestBackoffIsCappedAndSaysSo() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    startServer(
        exchange -> {
          if (calls.getAndIncrement() == 0) {
            exchange.getResponseHeaders().add("Retry-After", "100000");
            respond(exchange, 503, "{\"error\":\"maintenance\"}");
          } else {
            respond(exchange, 200, "{}");
          }
        });
    exporter =
        exporter(
            fast().maxBackoff(Duration.ofMillis(200)).retryWindow(Duration.ofSeconds(30)).build());

    try (CapturedLog log = CapturedLog.httpExporter()) {
      exporter.export(SampleCheckpoints.sample(1));

      assertThat(exporter.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(log.messages())
          .containsExactly(
              "INFO The checkpoint server asked to wait 100000 s before the next attempt"
                  + " (Retry-After); Checkpoint waits 0.2 s, its longest backoff, so that one"
                  + " answer cannot stall export.");
    }
    assertThat(requests.get()).isEqualTo(2);
    assertThat(exporter.stats().exported()).isEqualTo(1);
  }

  @Test
  void aStalledResponseBodyEndsTheAttemptAtTheTimeout() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    startServer(
        exchange -> {
          if (calls.getAndIncrement() == 0) {
            // Headers and the first byte of a 100-byte body, then nothing until the test ends.
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write('{');
            exchange.getResponseBody().flush();
            awaitQuietly(testEnded, 60);
            exchange.close();
          } else {
            respond(exchange, 200, "{}");
          }
        });
    exporter = exporter(fast().requestTimeout(Duration.ofSeconds(1)).build());

    exporter.export(SampleCheckpoints.sample(1));

    // A 1 s timeout ends the first attempt; 15 s is slack for a busy machine, not the expectation.
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(exporter.stats().exported()).isEqualTo(1));
    assertThat(requests.get()).isEqualTo(2);
    assertThat(exporter.stats().dropped()).isZero();
  }

  @Test
  void aServerRestartWithinTheRetryWindowLosesNoBatch() throws Exception {
    AtomicLong firstArrival = new AtomicLong();
    startServer(
        exchange -> {
          firstArrival.compareAndSet(0, System.nanoTime());
          if (System.nanoTime() - firstArrival.get() < TimeUnit.SECONDS.toNanos(3)) {
            respond(exchange, 503, "{\"error\":\"starting\"}");
          } else {
            respond(exchange, 200, "{}");
          }
        });
    exporter =
        exporter(
            fast().maxBackoff(Duration.ofMillis(500)).retryWindow(Duration.ofSeconds(20)).build());

    for (int i = 0; i < 25; i++) {
      exporter.export(SampleCheckpoints.sample(i));
    }

    assertThat(exporter.flush(Duration.ofSeconds(30))).isTrue();
    ExporterStats stats = exporter.stats();
    assertThat(stats.exported()).isEqualTo(25);
    assertThat(stats.dropped()).isZero();
    assertThat(stats.failedBatches()).isZero();
    assertThat(requests.get()).as("the first batch was retried").isGreaterThan(5);
  }

  @Test
  void aBatchFailingForTheWholeRetryWindowIsDroppedAndLogged() throws Exception {
    startServer(exchange -> respond(exchange, 503, "{\"error\":\"database unavailable\"}"));
    exporter = exporter(fast().retryWindow(Duration.ofMillis(50)).build());

    try (CapturedLog log = CapturedLog.httpExporter()) {
      exporter.export(SampleCheckpoints.sample(1));

      assertThat(exporter.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(log.messages())
          .singleElement()
          .asString()
          .startsWith("WARNING Dropped a batch of 1 checkpoints after ")
          .containsPattern(
              "after \\d+ attempt\\(s\\), retried for [\\d.]+ s, which is the retry window")
          .contains("CHECKPOINT_EXPORT_RETRY_WINDOW_MS")
          .contains("answered 503: {\"error\":\"database unavailable\"}");
    }
    assertThat(requests.get()).isGreaterThanOrEqualTo(2);
    assertThat(exporter.stats()).isEqualTo(new ExporterStats(0, 0, 1, 0, 1));
  }

  @Test
  void badRequestIsNotRetriedAndIsCountedAsDropped() throws Exception {
    startServer(exchange -> respond(exchange, 400, "{\"error\":\"invalid\",\"path\":\"x\"}"));
    exporter = exporter(FAST);

    exporter.export(SampleCheckpoints.sample(1));
    exporter.export(SampleCheckpoints.sample(2));

    assertThat(exporter.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(requests.get()).isEqualTo(1);
    assertThat(exporter.stats()).isEqualTo(new ExporterStats(0, 0, 2, 0, 1));
  }

  @Test
  void downServerIsRetriedForTheWindowThenDroppedAndCounted() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    exporter =
        CheckpointExporter.http(URI.create("http://127.0.0.1:" + closedPort))
            .service("payments")
            .settings(FAST)
            .build();

    for (int i = 0; i < 15; i++) {
      exporter.export(SampleCheckpoints.sample(i));
    }

    assertThat(exporter.flush(Duration.ofSeconds(10))).isTrue();
    ExporterStats stats = exporter.stats();
    assertThat(stats.dropped()).isEqualTo(15);
    assertThat(stats.failedBatches()).isEqualTo(2);
    assertThat(stats.exported()).isZero();
  }

  @Test
  void blockedServerNeverBlocksTheRecordingThreadAndMemoryStaysBounded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    startServer(
        exchange -> {
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 200, "{}");
        });
    // The client waits longer than the server blocks, so no attempt times out half-delivered.
    exporter = exporter(fast().requestTimeout(Duration.ofSeconds(30)).build());

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (int i = 0; i < 1000; i++) {
            exporter.export(SampleCheckpoints.sample(i));
          }
        });

    ExporterStats whileBlocked = exporter.stats();
    assertThat(whileBlocked.queued()).isLessThanOrEqualTo(FAST.maxQueueSize());
    // At most one batch is in flight, the rest waits in the queue or was dropped.
    assertThat(whileBlocked.dropped())
        .isGreaterThanOrEqualTo(1000L - FAST.maxQueueSize() - FAST.maxBatchSize());
    release.countDown();
    assertThat(exporter.flush(Duration.ofSeconds(10))).isTrue();
    ExporterStats after = exporter.stats();
    assertThat(after.exported() + after.dropped()).isEqualTo(1000);
    assertThat(after.exported()).isEqualTo(totalCheckpointsReceived());
  }

  @Test
  void shutdownWithAnUnreachableServerEndsWithinItsTimeout() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    startServer(
        exchange -> {
          try {
            never.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 503, "{}");
        });
    exporter = exporter(FAST);
    for (int i = 0; i < 30; i++) {
      exporter.export(SampleCheckpoints.sample(i));
    }

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> assertThat(exporter.shutdown(Duration.ofMillis(300))).isFalse());
    never.countDown();
    exporter.export(SampleCheckpoints.sample(99));
    // The batch in flight at shutdown is given up once its attempt returns.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(exporter.stats().dropped()).isEqualTo(31));
    assertThat(exporter.stats().exported()).isZero();
  }

  @Test
  void rejectsEndpointsThatAreNotHttp() {
    assertThatThrownBy(() -> CheckpointExporter.http(URI.create("ftp://example")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http or https");
  }

  private CheckpointExporter exporter(ExportSettings settings) {
    return CheckpointExporter.http(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
        .token("ingest-secret")
        .service("payments")
        .settings(settings)
        .build();
  }

  private long totalCheckpointsReceived() {
    synchronized (batches) {
      return batches.stream().mapToLong(batch -> batch.get("checkpoints").size()).sum();
    }
  }

  private void startServer(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // A handler that stalls must not hold up the exporter's next connection.
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext(
        "/api/v1/checkpoints",
        exchange -> {
          requests.incrementAndGet();
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          assertThat(exchange.getRequestHeaders().getFirst("Content-Encoding")).isEqualTo("gzip");
          try (InputStream body = new GZIPInputStream(exchange.getRequestBody())) {
            batches.add(mapper.readTree(body));
          }
          handler.handle(exchange);
        });
    server.start();
  }

  private static void awaitQuietly(CountDownLatch latch, int seconds) {
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @FunctionalInterface
  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }
}
