package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.internal.ingest.BatchParser;
import dev.checkpoint.server.internal.ingest.BodyTooLargeException;
import dev.checkpoint.server.internal.ingest.InvalidBatchException;
import dev.checkpoint.server.internal.ingest.RateLimiter;
import dev.checkpoint.server.internal.ops.ServerMetrics;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.IngestResult;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpException;

/** {@code POST /api/v1/checkpoints}: validates a whole batch, stores it, then acknowledges. */
final class IngestHandler {
  /** Enough to keep the single SQLite writer and a PostgreSQL pool busy. */
  private static final int MAX_BATCHES_IN_MEMORY =
      Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  private static final long BATCH_MEMORY_WAIT_SECONDS = 30;

  private final BatchParser parser;
  private final CheckpointStore store;
  private final RateLimiter rateLimiter;
  private final ServerMetrics metrics;
  private final long maxBodyBytes;
  private final Semaphore batchesInMemory = new Semaphore(MAX_BATCHES_IN_MEMORY);

  IngestHandler(
      BatchParser parser,
      CheckpointStore store,
      RateLimiter rateLimiter,
      ServerMetrics metrics,
      long maxBodyBytes) {
    this.parser = parser;
    this.store = store;
    this.rateLimiter = rateLimiter;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
  }

  void post(Context ctx) throws IOException {
    long start = System.nanoTime();
    String token = ctx.attribute(EndpointGuard.TOKEN_ATTRIBUTE);
    long retryAfter = rateLimiter.acquire(token != null ? "token:" + token : "ip:" + ctx.ip());
    if (retryAfter > 0) {
      throw new ApiException(
          429,
          "rate_limited",
          "Too many batches from this client. Retry after "
              + retryAfter
              + " s, send fewer, larger batches, or raise limits.ingest-rate-per-second.",
          null,
          Map.of("Retry-After", String.valueOf(retryAfter)));
    }
    long length = ctx.req().getContentLengthLong();
    if (length > maxBodyBytes) {
      throw tooLarge(
          "The request body has "
              + length
              + " bytes, over the limit of "
              + maxBodyBytes
              + ". Send smaller batches or raise limits.max-body-bytes.");
    }
    Json.requireJsonBody(ctx);
    boolean gzip = isGzip(ctx.header("Content-Encoding"));
    // The body is read before a slot is taken, so that slow clients hold a request thread each
    // (Jetty drops them below the minimum data rate), never a slot the other clients need.
    byte[] body = read(ctx);
    IngestResult result;
    acquireBatchMemory();
    try {
      result = store.insert(parse(body, gzip));
    } finally {
      batchesInMemory.release();
    }
    metrics.batchStored(result.accepted(), result.duplicates(), System.nanoTime() - start);
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("accepted", result.accepted());
    answer.put("duplicates", result.duplicates());
    Json.send(ctx, 200, answer);
  }

  private byte[] read(Context ctx) {
    try {
      return parser.read(ctx.req().getInputStream());
    } catch (HttpException.RuntimeException e) {
      // Jetty's minimum data rate: the client sent its body too slowly.
      throw new ApiException(
          e.getCode(),
          "body_too_slow",
          "The request body arrived too slowly ("
              + e.getReason()
              + "). Send the body right after the headers.",
          null,
          Map.of());
    } catch (BodyTooLargeException e) {
      throw tooLarge(e.getMessage());
    } catch (IOException e) {
      throw ApiException.badRequest(
          "unreadable_body", "The request body could not be read: " + e.getMessage(), null);
    }
  }

  private List<Checkpoint> parse(byte[] body, boolean gzip) {
    try {
      return parser.parse(body, gzip);
    } catch (BodyTooLargeException e) {
      throw tooLarge(e.getMessage());
    } catch (InvalidBatchException e) {
      throw ApiException.badRequest(e.error(), e.getMessage(), e.path());
    } catch (IOException e) {
      throw ApiException.badRequest(
          "unreadable_body", "The request body could not be read: " + e.getMessage(), null);
    }
  }

  /**
   * A batch is held in memory whole, up to the decompressed limit, while it is parsed and stored;
   * bounding how many are held at once bounds the heap whatever the clients send.
   */
  private void acquireBatchMemory() {
    try {
      if (batchesInMemory.tryAcquire(BATCH_MEMORY_WAIT_SECONDS, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new ApiException(
        503,
        "busy",
        "The server is handling as many batches as it holds in memory; retry shortly.",
        null,
        Map.of("Retry-After", "1"));
  }

  private static boolean isGzip(String contentEncoding) {
    if (contentEncoding == null
        || contentEncoding.isBlank()
        || contentEncoding.trim().equalsIgnoreCase("identity")) {
      return false;
    }
    if (contentEncoding.trim().equalsIgnoreCase("gzip")) {
      return true;
    }
    throw new ApiException(
        415,
        "unsupported_encoding",
        "Content-Encoding " + contentEncoding + " is not accepted; send gzip or no encoding.",
        null,
        Map.of());
  }

  private static ApiException tooLarge(String detail) {
    return new ApiException(413, "payload_too_large", detail, null, Map.of());
  }
}
