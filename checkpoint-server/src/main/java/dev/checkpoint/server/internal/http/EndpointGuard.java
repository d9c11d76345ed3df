package dev.checkpoint.server.internal.http;

import dev.checkpoint.server.internal.ops.ServerMetrics;
import dev.checkpoint.server.internal.storage.StorageUnavailableException;
import dev.checkpoint.server.internal.trees.SelectionException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every endpoint shares: a request id in the logs and the response, authorisation, a 503 once
 * the server shuts down (the requests it waits for are counted by {@link InFlightRequests}), and
 * error responses that are JSON and never carry a stack trace.
 */
public final class EndpointGuard {
  static final String TOKEN_ATTRIBUTE = "checkpoint.token";
  private static final Logger log = LoggerFactory.getLogger(EndpointGuard.class);
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Set<String> ingestTokens;
  private final Set<String> readTokens;
  private final InFlightRequests inFlight;
  private final ServerMetrics metrics;
  private final RequestOrigin origin;

  public EndpointGuard(
      Set<String> ingestTokens,
      Set<String> readTokens,
      InFlightRequests inFlight,
      ServerMetrics metrics,
      RequestOrigin origin) {
    this.ingestTokens = Set.copyOf(ingestTokens);
    this.readTokens = Set.copyOf(readTokens);
    this.inFlight = inFlight;
    this.metrics = metrics;
    this.origin = origin;
  }

  /** The endpoint's handler inside the guard. */
  public Handler wrap(Endpoint endpoint) {
    return ctx -> handle(endpoint, ctx);
  }

  private void handle(Endpoint endpoint, Context ctx) {
    String requestId = requestId(ctx);
    MDC.put("requestId", requestId);
    ctx.header("X-Request-Id", requestId);
    long start = System.nanoTime();
    try {
      if (!inFlight.accepting()) {
        fail(
            endpoint,
            ctx,
            new ApiException(
                503,
                "shutting_down",
                "The server is shutting down. Retry against another server or after restart.",
                null,
                Map.of("Retry-After", "1")));
        return;
      }
      try {
        Optional<RequestOrigin.Refusal> refused = origin.refusal(ctx);
        if (refused.isPresent()) {
          RequestOrigin.Refusal refusal = refused.get();
          throw new ApiException(
              refusal.status(), refusal.error(), refusal.detail(), null, Map.of());
        }
        Optional<QueryParameters.Unsearchable> unsearchable = QueryParameters.unsearchable(ctx);
        if (unsearchable.isPresent()) {
          throw ApiException.badRequest(
              "invalid_parameter", unsearchable.get().detail(), unsearchable.get().name());
        }
        authorize(ctx, endpoint.access());
        endpoint.handler().handle(ctx);
      } catch (ApiException e) {
        fail(endpoint, ctx, e);
      } catch (SelectionException e) {
        fail(endpoint, ctx, failure(e));
      } catch (StorageUnavailableException e) {
        log.warn("event=storage_unavailable error=\"{}\"", e.getMessage(), e.getCause());
        fail(
            endpoint,
            ctx,
            new ApiException(
                503, "storage_unavailable", e.getMessage(), null, Map.of("Retry-After", "5")));
      } catch (Exception e) {
        log.error("event=internal_error method={} path={}", ctx.method(), ctx.path(), e);
        fail(
            endpoint,
            ctx,
            new ApiException(
                500,
                "internal_error",
                "The server failed unexpectedly; its log has the details under requestId="
                    + requestId
                    + ".",
                null,
                Map.of()));
      }
      log.debug(
          "event=request method={} path={} status={} durationMs={}",
          ctx.method(),
          ctx.path(),
          ctx.statusCode(),
          (System.nanoTime() - start) / 1_000_000);
    } finally {
      MDC.remove("requestId");
    }
  }

  private static ApiException failure(SelectionException e) {
    return switch (e.problem()) {
      case NOT_FOUND -> ApiException.notFound(e.getMessage());
      case INVALID -> ApiException.badRequest("invalid_parameter", e.getMessage(), e.parameter());
      case TOO_LARGE -> new ApiException(422, "too_large", e.getMessage(), null, Map.of());
      case BUSY -> new ApiException(503, "busy", e.getMessage(), null, Map.of("Retry-After", "1"));
    };
  }

  private void fail(Endpoint endpoint, Context ctx, ApiException e) {
    if (endpoint.ingestion()) {
      metrics.batchRejected(e.error());
    }
    if (e.status() < 500) {
      log.info(
          "event=rejected method={} path={} status={} error={} at={} detail=\"{}\"",
          ctx.method(),
          ctx.path(),
          e.status(),
          e.error(),
          e.path(),
          e.getMessage());
    }
    e.headers().forEach(ctx::header);
    Json.send(ctx, e.status(), Json.error(e.error(), e.getMessage(), e.path()));
  }

  private void authorize(Context ctx, Access access) {
    if (access == Access.PUBLIC || (ingestTokens.isEmpty() && readTokens.isEmpty())) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("This server requires a token: send Authorization: Bearer <token>.");
    }
    String token = header.substring(7).trim();
    boolean mayIngest = contains(ingestTokens, token);
    boolean mayRead = contains(readTokens, token);
    if (!mayIngest && !mayRead) {
      throw unauthorized("The token is not known to this server. Check the configured tokens.");
    }
    if (access == Access.INGEST && !mayIngest) {
      throw new ApiException(
          403,
          "forbidden",
          "This token may only query; writing needs an ingest token.",
          null,
          Map.of());
    }
    if (access == Access.READ && !mayRead) {
      throw new ApiException(
          403,
          "forbidden",
          "This token may only write; querying needs a read token.",
          null,
          Map.of());
    }
    ctx.attribute(TOKEN_ATTRIBUTE, token);
  }

  private static ApiException unauthorized(String detail) {
    return new ApiException(
        401, "unauthorized", detail, null, Map.of("WWW-Authenticate", "Bearer"));
  }

  /** Compares in constant time, so that response times do not reveal a token's prefix. */
  private static boolean contains(Set<String> tokens, String token) {
    byte[] candidate = token.getBytes(StandardCharsets.UTF_8);
    boolean found = false;
    for (String known : tokens) {
      found |= MessageDigest.isEqual(known.getBytes(StandardCharsets.UTF_8), candidate);
    }
    return found;
  }

  private static String requestId(Context ctx) {
    String given = ctx.header("X-Request-Id");
    if (given != null && REQUEST_ID.matcher(given).matches()) {
      return given;
    }
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }
}
