package dev.checkpoint.server;

import dev.checkpoint.server.internal.http.ApiRoutes;
import dev.checkpoint.server.internal.http.Endpoint;
import dev.checkpoint.server.internal.http.EndpointGuard;
import dev.checkpoint.server.internal.http.InFlightRequests;
import dev.checkpoint.server.internal.http.JsonErrors;
import dev.checkpoint.server.internal.http.MalformedRequests;
import dev.checkpoint.server.internal.http.RequestOrigin;
import dev.checkpoint.server.internal.ingest.BatchParser;
import dev.checkpoint.server.internal.ingest.RateLimiter;
import dev.checkpoint.server.internal.ops.RetentionJob;
import dev.checkpoint.server.internal.ops.ServerMetrics;
import dev.checkpoint.server.internal.storage.JdbcCheckpointStore;
import dev.checkpoint.server.internal.storage.StorageSettings;
import dev.checkpoint.server.internal.trees.TreeReads;
import dev.checkpoint.server.internal.ui.WebUi;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint server: ingestion and query API over HTTP, on SQLite or PostgreSQL.
 *
 * <pre>{@code
 * try (CheckpointServer server = CheckpointServer.start(ServerConfig.builder().port(0).build())) {
 *   int port = server.port();
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops accepting requests, waits for those in flight (batches being committed
 * are acknowledged) up to {@link ServerConfig#shutdownTimeout()}, then releases the database.
 */
public final class CheckpointServer implements AutoCloseable {
  /**
   * A client that sends its body slower than this is cut off: it would hold a request thread for
   * nothing. Far below any real network, far above a client that dribbles bytes on purpose.
   */
  static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

  private static final Logger log = LoggerFactory.getLogger(CheckpointServer.class);

  private final ServerConfig config;
  private final JdbcCheckpointStore store;
  private final InFlightRequests inFlight;
  private final Javalin app;
  private final RetentionJob retention;
  private final List<Endpoint> endpoints;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CheckpointServer(
      ServerConfig config,
      JdbcCheckpointStore store,
      InFlightRequests inFlight,
      Javalin app,
      RetentionJob retention,
      List<Endpoint> endpoints) {
    this.config = config;
    this.store = store;
    this.inFlight = inFlight;
    this.app = app;
    this.retention = retention;
    this.endpoints = endpoints;
  }

  /**
   * Connects to the database, migrates its schema and starts listening.
   *
   * @throws RuntimeException if the database cannot be reached or the port cannot be bound; the
   *     message says which
   */
  public static CheckpointServer start(ServerConfig config) {
    Objects.requireNonNull(config, "config");
    Clock clock = Clock.systemUTC();
    JdbcCheckpointStore store =
        JdbcCheckpointStore.open(
            new StorageSettings(
                config.dbUrl(),
                config.dbUser(),
                config.dbPassword(),
                config.dbSchema(),
                config.dbPoolSize(),
                config.sqliteSynchronous()),
            clock);
    try {
      ServerMetrics metrics = new ServerMetrics(store);
      InFlightRequests inFlight = new InFlightRequests();
      String host = host(config);
      RequestOrigin origin = RequestOrigin.of(config.allowedHosts(), host);
      EndpointGuard guard =
          new EndpointGuard(config.ingestTokens(), config.readTokens(), inFlight, metrics, origin);
      TreeReads reads =
          new TreeReads(
              store,
              new TreeReads.Limits(
                  config.maxTreeDepth(), config.maxTreeCheckpoints(), config.maxTreeBytes()));
      List<Endpoint> endpoints =
          ApiRoutes.endpoints(
              store,
              reads,
              metrics,
              new BatchParser(
                  config.maxBodyBytes(), config.maxDecompressedBytes(), config.maxTreeDepth()),
              new RateLimiter(config.ingestRatePerSecond(), System::nanoTime),
              config.maxBodyBytes());
      Javalin app =
          Javalin.create(
              javalin -> {
                javalin.startup.showJavalinBanner = false;
                javalin.startup.showOldJavalinVersionWarning = false;
                javalin.http.maxRequestSize = config.maxBodyBytes();
                javalin.jetty.modifyHttpConfiguration(
                    http -> http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND));
                javalin.jetty.modifyServer(
                    server -> {
                      server.setErrorHandler(new MalformedRequests());
                      // Javalin puts its own handler inside this one.
                      server.setHandler(inFlight);
                    });
                JsonErrors.register(javalin.routes);
                WebUi.register(
                    javalin.routes,
                    store,
                    reads,
                    origin,
                    config.authEnabled(),
                    config.readTokens());
                for (Endpoint endpoint : endpoints) {
                  switch (endpoint.method()) {
                    case "GET" -> javalin.routes.get(endpoint.path(), guard.wrap(endpoint));
                    case "POST" -> javalin.routes.post(endpoint.path(), guard.wrap(endpoint));
                    case "DELETE" -> javalin.routes.delete(endpoint.path(), guard.wrap(endpoint));
                    default -> throw new IllegalStateException(endpoint.method());
                  }
                }
              });
      app.start(host, config.port());
      RetentionJob retention =
          config.retentionDays() > 0
              ? RetentionJob.start(store, config.retentionDays(), clock)
              : null;
      if (config.authEnabled()) {
        log.info(
            "event=started host={} port={} db={} auth=tokens", host, app.port(), redact(config));
      } else {
        log.warn(
            "event=started host={} port={} db={} auth=none: no tokens are configured, so the server"
                + " listens on {} only. Configure auth.ingest-tokens and auth.read-tokens to serve"
                + " other machines.",
            host,
            app.port(),
            redact(config),
            host);
      }
      return new CheckpointServer(config, store, inFlight, app, retention, endpoints);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static String host(ServerConfig config) {
    if (config.host() != null) {
      return config.host();
    }
    return config.authEnabled() ? "0.0.0.0" : "127.0.0.1";
  }

  /** The URL without query parameters, which may hold a password. */
  private static String redact(ServerConfig config) {
    int query = config.dbUrl().indexOf('?');
    return query < 0 ? config.dbUrl() : config.dbUrl().substring(0, query);
  }

  /** The port the server listens on, useful when configured as 0. */
  public int port() {
    return app.port();
  }

  /** Method and path of each route, e.g. {@code GET /api/v1/runs/{runId}}. */
  public List<String> routes() {
    return endpoints.stream().map(e -> e.method() + " " + e.path()).toList();
  }

  /** Finishes requests in flight (up to the shutdown timeout), then stops. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean drained;
    try {
      drained = inFlight.drain(config.shutdownTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    if (!drained) {
      log.warn(
          "event=shutdown_timeout detail=\"requests still in flight after {}; they are cut off\"",
          config.shutdownTimeout());
    }
    app.stop();
    if (retention != null) {
      retention.close();
    }
    store.close();
    log.info("event=stopped");
  }
}
