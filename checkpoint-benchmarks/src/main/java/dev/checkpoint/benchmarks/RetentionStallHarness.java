package dev.checkpoint.benchmarks;

import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the server's retention pass holds ingestion: on a database made by {@link ScaleDatabase}
 * over 30 days, the server starts with {@code retention.days} so that its first pass (a minute
 * after start) deletes most of it, while clients post batches of 100 checkpoints over HTTP all
 * along and time each. Prints the batch latencies before and during the pass (p50, p99, max: the
 * longest stall) and the checkpoints the pass deleted. The database is used up: generate it again
 * for the next round.
 *
 * <pre>
 * java -cp benchmarks.jar dev.checkpoint.benchmarks.RetentionStallHarness sqlite:/path/checkpoint.db [retentionDays] [clients]
 * java -cp benchmarks.jar dev.checkpoint.benchmarks.RetentionStallHarness postgresql:schema [retentionDays] [clients]
 * </pre>
 *
 * <p>Defaults: 3 days (nine tenths of a 30-day database), 2 clients.
 */
public final class RetentionStallHarness {
  private static final Duration POLL = Duration.ofMillis(200);

  private RetentionStallHarness() {}

  public static void main(String[] args) throws Exception {
    String target = args[0];
    int retentionDays = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    ServerConfig.Builder config = ServerConfig.builder().port(0).retentionDays(retentionDays);
    String url;
    String user = null;
    String schema = null;
    if (target.startsWith("sqlite:")) {
      url = "jdbc:" + target;
    } else {
      url = ScaleDatabase.PG_URL;
      user = ScaleDatabase.PG_USER;
      schema = target.substring("postgresql:".length());
      config.dbUser(user).dbSchema(schema);
    }
    config.dbUrl(url);
    long cutoff = System.currentTimeMillis() - Duration.ofDays(retentionDays).toMillis();
    long before;
    try (Connection connection = connect(url, user, schema)) {
      before = count(connection, "SELECT count(*) FROM checkpoints");
    }
    ConcurrentLinkedQueue<long[]> batches = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong next = new AtomicLong(1L << 36);
    long retentionStart = 0;
    long retentionEnd = 0;
    long after;
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    try (CheckpointServer server = CheckpointServer.start(config.build());
        Connection connection = connect(url, user, schema)) {
      long started = System.nanoTime();
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/checkpoints");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<Future<?>> posting = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        posting.add(
            threads.submit(
                () -> {
                  while (!stop.get()) {
                    byte[] body = IngestLoadHarness.batch(next.getAndIncrement());
                    long sent = System.nanoTime();
                    HttpResponse<Void> response =
                        client.send(
                            HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                      throw new IllegalStateException(
                          "ingestion answered " + response.statusCode());
                    }
                    batches.add(new long[] {sent, System.nanoTime() - sent});
                  }
                  return null;
                }));
      }
      String oldRuns = "SELECT count(*) FROM runs WHERE started_at < " + cutoff;
      long oldAtStart = count(connection, oldRuns);
      // The job's first pass starts a minute after the server; it has started once a run is gone.
      long deadline = started + Duration.ofMinutes(30).toNanos();
      long old = oldAtStart;
      while (old > 0 && System.nanoTime() < deadline) {
        Thread.sleep(POLL.toMillis());
        old = count(connection, oldRuns);
        if (retentionStart == 0 && old < oldAtStart) {
          retentionStart = System.nanoTime() - POLL.toNanos();
        }
      }
      retentionEnd = System.nanoTime();
      // Then the checkpoints without a run, which are none in a generated database.
      Thread.sleep(2_000);
      stop.set(true);
      for (Future<?> future : posting) {
        future.get(60, TimeUnit.SECONDS);
      }
      after = count(connection, "SELECT count(*) FROM checkpoints");
    } finally {
      threads.shutdownNow();
    }
    List<Long> warm = new ArrayList<>();
    List<Long> during = new ArrayList<>();
    long ingested = 0;
    for (long[] batch : batches) {
      ingested += 100;
      if (batch[0] >= retentionStart && batch[0] <= retentionEnd) {
        during.add(batch[1]);
      } else if (batch[0] < retentionStart - POLL.toNanos()) {
        warm.add(batch[1]);
      }
    }
    warm.sort(null);
    during.sort(null);
    System.out.printf(
        Locale.ROOT,
        "retention pass: %.1f s, %,d checkpoints deleted (%,d before, %,d after, %,d ingested)%n"
            + "batches before the pass: %d, p50=%.1f ms p99=%.1f ms max=%.1f ms%n"
            + "batches during the pass: %d, p50=%.1f ms p99=%.1f ms max=%.1f ms%n"
            + "summary deleted=%d pass_s=%.1f before_max=%.1f during_p99=%.1f during_max=%.1f"
            + " load=%.1f%n",
        (retentionEnd - retentionStart) / 1e9,
        before + ingested - after,
        before,
        after,
        ingested,
        warm.size(),
        Stats.percentileMillis(warm, 0.5),
        Stats.percentileMillis(warm, 0.99),
        Stats.percentileMillis(warm, 1.0),
        during.size(),
        Stats.percentileMillis(during, 0.5),
        Stats.percentileMillis(during, 0.99),
        Stats.percentileMillis(during, 1.0),
        before + ingested - after,
        (retentionEnd - retentionStart) / 1e9,
        Stats.percentileMillis(warm, 1.0),
        Stats.percentileMillis(during, 0.99),
        Stats.percentileMillis(during, 1.0),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static Connection connect(String url, String user, String schema) throws SQLException {
    Connection connection = DriverManager.getConnection(url, user, null);
    if (schema != null) {
      connection.setSchema(schema);
    }
    return connection;
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql);
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
