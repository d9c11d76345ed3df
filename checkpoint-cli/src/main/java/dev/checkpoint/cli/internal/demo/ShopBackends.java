package dev.checkpoint.cli.internal.demo;

import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The demo shop's Kafka and Redis: Kafka is the one at {@code DEMO_KAFKA_BOOTSTRAP_SERVERS} when
 * that is set, else a real broker ({@link EmbeddedKafkaBroker}) started in this JVM, in the
 * background while the rest of the demo starts; Redis is looked for at {@code DEMO_REDIS_URL} or
 * 127.0.0.1:6379. Either may be missing: the demo says what it skips and why, and the services do
 * without (no cache: prices from SQL; no Kafka: no {@code shipment.created} event).
 */
public final class ShopBackends implements AutoCloseable {
  /** The services' setting for Kafka. */
  public static final String KAFKA_VARIABLE = "DEMO_KAFKA_BOOTSTRAP_SERVERS";

  /** The services' setting for Redis. */
  public static final String REDIS_VARIABLE = "DEMO_REDIS_URL";

  /** A cold start on a loaded machine takes 10 to 20 seconds; more means it will not start. */
  private static final Duration KAFKA_START_TIMEOUT = Duration.ofSeconds(60);

  private static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";
  private static final int CONNECT_TIMEOUT_MS = 1_000;

  private final CompletableFuture<EmbeddedKafkaBroker> embedded;
  private final String configuredKafka;
  private final long startedNanos = System.nanoTime();
  private String kafka;

  private ShopBackends(CompletableFuture<EmbeddedKafkaBroker> embedded, String configuredKafka) {
    this.embedded = embedded;
    this.configuredKafka = configuredKafka;
  }

  /**
   * Starts the embedded Kafka broker in the background, unless {@code DEMO_KAFKA_BOOTSTRAP_SERVERS}
   * names one.
   *
   * @param dataDir where the broker's data directory is created (and deleted on {@link #close()})
   * @param environment the demo's environment
   * @return the backends, starting
   */
  public static ShopBackends start(Path dataDir, Map<String, String> environment) {
    String configured = environment.get(KAFKA_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return new ShopBackends(null, configured.strip());
    }
    return new ShopBackends(
        CompletableFuture.supplyAsync(
            () -> EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), KAFKA_START_TIMEOUT)),
        null);
  }

  /**
   * Waits for Kafka and says in one line each what the demo uses, or what it skips and why.
   *
   * @param environment the demo's environment, for {@code DEMO_REDIS_URL}
   * @param out where to say it
   */
  public void report(Map<String, String> environment, PrintWriter out) {
    if (configuredKafka != null) {
      Optional<String> unreachable = unreachable(URI.create("kafka://" + firstOf(configuredKafka)));
      if (unreachable.isEmpty()) {
        kafka = configuredKafka;
        out.printf("  Kafka: the one at %s (%s)%n", kafka, KAFKA_VARIABLE);
      } else {
        out.printf(
            "  Kafka: skipped (nothing answers at %s, from %s: %s); the trees have no"
                + " MESSAGE_PUBLISH to shipment.created and orders does not mark orders shipped.%n",
            configuredKafka, KAFKA_VARIABLE, unreachable.get());
      }
    } else {
      try {
        kafka = embedded.join().bootstrapServers();
        out.printf(
            "  Kafka: embedded broker (Apache Kafka, KRaft) at %s, ready %.1f s after the demo"
                + " started%n",
            kafka, (System.nanoTime() - startedNanos) / 1e9);
      } catch (CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        out.printf(
            "  Kafka: skipped (could not start the broker: %s); the trees have no"
                + " MESSAGE_PUBLISH to shipment.created and orders does not mark orders shipped.%n",
            cause.getMessage());
      }
    }
    String redis = redisUrl(environment);
    Optional<String> unreachable;
    try {
      unreachable = unreachable(URI.create(redis));
    } catch (IllegalArgumentException e) {
      unreachable = Optional.of(e.getMessage());
    }
    if (unreachable.isEmpty()) {
      out.printf("  Redis: the one at %s%n", withoutPassword(redis));
    } else {
      out.printf(
          "  Redis: skipped (nothing answers at %s: %s); orders reads every price from SQL and the"
              + " trees have no CACHE checkpoints. Start Redis (redis-server) or set %s.%n",
          withoutPassword(redis), unreachable.get(), REDIS_VARIABLE);
    }
    out.flush();
  }

  /**
   * Where the services find Kafka.
   *
   * @return the bootstrap servers, or empty when Kafka was skipped
   */
  public Optional<String> kafkaBootstrapServers() {
    return Optional.ofNullable(kafka);
  }

  private static String redisUrl(Map<String, String> environment) {
    String value = environment.get(REDIS_VARIABLE);
    return value == null || value.isBlank() ? DEFAULT_REDIS : value.strip();
  }

  private static String firstOf(String bootstrapServers) {
    return bootstrapServers.split(",")[0].strip();
  }

  /** Why nothing answers at the URI's host and port (Redis's 6379 when it has none), if so. */
  private static Optional<String> unreachable(URI uri) {
    if (uri.getHost() == null) {
      return Optional.of("no host in " + uri);
    }
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()),
          CONNECT_TIMEOUT_MS);
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static String withoutPassword(String url) {
    return url.replaceAll("//[^@/]*@", "//");
  }

  /** Stops the embedded broker, if one started, and deletes its data. */
  @Override
  public void close() {
    if (embedded != null) {
      embedded.thenAccept(EmbeddedKafkaBroker::close).exceptionally(failure -> null).join();
    }
  }
}
