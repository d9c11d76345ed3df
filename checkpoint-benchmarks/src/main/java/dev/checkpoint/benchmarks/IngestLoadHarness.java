package dev.checkpoint.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import dev.checkpoint.server.internal.storage.TraceTotals;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Load harness of the checkpoint server's ingestion: N clients post realistic batches (100
 * checkpoints of about 1 KiB) over HTTP for a while, then the same rows go into the same database
 * by a raw JDBC batch insert, so that the server's overhead over the database shows.
 *
 * <pre>
 * java -cp ... dev.checkpoint.benchmarks.IngestLoadHarness [sqlite|postgresql] [clients] [seconds] [gzip|json] [servers]
 * </pre>
 *
 * <p>Defaults: sqlite, 8 clients (with 4, the single SQLite writer sometimes waits for batches), 10
 * seconds measured. Before that the same clients post, unmeasured, in slices of 5 s until the JIT
 * compiler is nearly idle (at most a minute): after a fixed 5 s it still took a fifth of the two
 * cores while posting. The raw insert runs after the HTTP phase, into the same table with its
 * indexes, single-threaded (SQLite has one writer in any case), and is warmed up before it is
 * timed.
 *
 * <p>The last line, {@code summary ...}, holds the figures as {@code key=value} pairs for {@code
 * scripts/load-ab.sh}, which alternates two builds and reports median and spread.
 *
 * <p>{@code servers} (PostgreSQL only, default 1) starts that many servers on the one database, as
 * replicas behind a load balancer; client {@code i} posts to server {@code i % servers}. The CPU
 * figures of request threads are then those of all servers together.
 *
 * <p>PostgreSQL is the test database at 127.0.0.1:5432/test (user postgres), in a fresh schema; a
 * system property, {@code checkpoint.load.pg-url}, names another database, so that a benchmark's
 * sessions and locks are told apart from other work on the server.
 */
public final class IngestLoadHarness {
  private static final int PER_BATCH = 100;
  private static final long T0 = 1_763_900_000_000_000_000L;

  /** The test database unless {@code -Dcheckpoint.load.pg-url=...} names another. */
  static final String PG_URL =
      System.getProperty("checkpoint.load.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");

  private static final String INSERT =
      "INSERT INTO checkpoints (trace_id, id, parent_id, run_id, service, instance, kind, name,"
          + " start_nanos, end_nanos, thread, input, output, error, attributes, truncated,"
          + " redacted, batch_id, received_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (trace_id, id) DO NOTHING";
  private static final String INSERT_RUN =
      "INSERT INTO runs (id, name, scenario, labels, started_at) VALUES (?, ?, NULL, '{}', ?)"
          + " ON CONFLICT (id) DO NOTHING";
  private static final String INSERT_RUN_TRACE =
      "INSERT INTO run_traces (run_id, trace_id) VALUES (?, ?)"
          + " ON CONFLICT (run_id, trace_id) DO NOTHING";

  private static final OperatingSystemMXBean OS =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
  private static final String SQLITE_WRITER = "checkpoint-sqlite-writer";
  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
  private static final Duration WARM_UP_SLICE = Duration.ofSeconds(5);
  private static final int MAX_WARM_UP_SLICES = 12;
  private static final long IDLE_JIT_MILLIS_PER_SLICE = 250;

  /**
   * The measured batches come after every batch of the warm-up, so that their start times append to
   * the time index, as in production, instead of going in before the warm-up's.
   */
  private static final long MEASURED_FIRST_BATCH = 1L << 32;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private IngestLoadHarness() {}

  public static void main(String[] args) throws Exception {
    String database = args.length > 0 ? args[0] : "sqlite";
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Encoding encoding = Encoding.of(args.length > 3 ? args[3] : "gzip");
    int servers = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    Path directory = Files.createTempDirectory("checkpoint-load");
    ServerConfig.Builder config =
        ServerConfig.builder().port(0).shutdownTimeout(Duration.ofSeconds(5));
    String jdbcUrl;
    String user = null;
    String schema = null;
    if (database.equals("sqlite")) {
      jdbcUrl = "jdbc:sqlite:" + directory.resolve("checkpoint.db");
    } else if (database.equals("postgresql")) {
      jdbcUrl = PG_URL;
      user = "postgres";
      schema = "checkpoint_load_" + Long.toHexString(System.nanoTime());
      config.dbUser(user).dbSchema(schema);
    } else {
      throw new IllegalArgumentException("database must be sqlite or postgresql, got " + database);
    }
    if (servers != 1 && !database.equals("postgresql")) {
      throw new IllegalArgumentException("several servers share a PostgreSQL database only");
    }
    config.dbUrl(jdbcUrl);

    // Bodies are built before the clock starts, so that the clients, which share the CPU with the
    // server, spend as little of it as possible: the raw insert gets the same treatment. Built
    // before the warm-up, they are in the old generation when the clock starts (a gigabyte as
    // json), so that collections while posting copy the server's garbage only. (A System.gc()
    // instead made the JIT compile again for over half a second while posting.)
    byte[][] bodies = bodies(MEASURED_FIRST_BATCH, seconds * 800, encoding);
    Result http;
    List<CheckpointServer> started = new ArrayList<>();
    try (Clients load = new Clients(ports(config.build(), servers, started), clients, encoding)) {
      warmUp(load, encoding);
      long processCpu = OS.getProcessCpuTime();
      long serverCpu = serverThreadsCpu("JettyServerThreadPool");
      long writerCpu = serverThreadsCpu(SQLITE_WRITER);
      long compiling = JIT.getTotalCompilationTime();
      http = load.post(Duration.ofSeconds(seconds), bodies);
      compilingMillis = JIT.getTotalCompilationTime() - compiling;
      processCpuNanos = OS.getProcessCpuTime() - processCpu;
      serverCpuNanos = serverThreadsCpu("JettyServerThreadPool") - serverCpu;
      writerCpuNanos = serverThreadsCpu(SQLITE_WRITER) - writerCpu;
    } finally {
      for (CheckpointServer server : started) {
        server.close();
      }
    }
    long rows = Math.max(http.checkpoints, 20_000);
    // Warm-up of the raw insert, so that the baseline is compiled code as the server's writer is.
    rawInsert(jdbcUrl, user, schema, 1L << 36, 50_000);
    double rawRate = rawInsert(jdbcUrl, user, schema, 2L << 36, rows);
    if (schema != null) {
      try (Connection connection = DriverManager.getConnection(PG_URL, user, null);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }

    double httpRate = http.checkpoints / http.seconds;
    long rawRows = Math.min(rows, 100_000);
    double ratio = 100 * httpRate / rawRate;
    double processUs = processCpuNanos / 1e3 / http.checkpoints;
    double requestUs = serverCpuNanos / 1e3 / http.checkpoints;
    double writerUs = writerCpuNanos / 1e3 / http.checkpoints;
    double rawUs = rawCpuNanos / 1e3 / rawRows;
    double load = OS.getSystemLoadAverage();
    System.out.printf(
        Locale.ROOT,
        "database=%s servers=%d clients=%d encoding=%s seconds=%.1f batches=%d checkpoints=%d%n"
            + "http: %.0f checkpoints/s, batch latency p50=%.1f ms p99=%.1f ms, errors=%d%n"
            + "raw JDBC batch insert: %.0f checkpoints/s (%d rows, 100 per transaction),"
            + " %.1f us CPU per row in this process%n"
            + "http / raw = %.0f%%%n"
            + "cpu per checkpoint while posting: process %.1f us, request threads %.1f us,"
            + " writer %.1f us; JIT compiling %d ms (load average %.1f)%n",
        database,
        servers,
        clients,
        encoding.name().toLowerCase(Locale.ROOT),
        http.seconds,
        http.batches,
        http.checkpoints,
        httpRate,
        http.p50Millis,
        http.p99Millis,
        http.errors,
        rawRate,
        rawRows,
        rawUs,
        ratio,
        processUs,
        requestUs,
        writerUs,
        compilingMillis,
        load);
    System.out.printf(
        Locale.ROOT,
        "summary rate=%.0f p50=%.1f p99=%.1f raw=%.0f ratio=%.1f process_us=%.1f request_us=%.1f"
            + " writer_us=%.1f raw_us=%.1f jit_ms=%d load=%.1f%n",
        httpRate,
        http.p50Millis,
        http.p99Millis,
        rawRate,
        ratio,
        processUs,
        requestUs,
        writerUs,
        rawUs,
        compilingMillis,
        load);
  }

  /** Starts the servers, each added to {@code started} so that the caller closes them. */
  private static List<Integer> ports(
      ServerConfig config, int servers, List<CheckpointServer> started) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      CheckpointServer server = CheckpointServer.start(config);
      started.add(server);
      ports.add(server.port());
    }
    return ports;
  }

  /**
   * How the bodies go over the wire. The core exporter sends gzip, so that is the default; {@code
   * json} leaves out the decompression to show its share. Either way bodies are encoded before the
   * clock starts: the clients stand in for services on other machines.
   */
  enum Encoding {
    GZIP,
    JSON;

    static Encoding of(String name) {
      return switch (name) {
        case "gzip" -> GZIP;
        case "json" -> JSON;
        default -> throw new IllegalArgumentException("encoding must be gzip or json, got " + name);
      };
    }

    byte[] encode(byte[] json) {
      if (this == JSON) {
        return json;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length / 4);
      try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
        gzip.write(json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }

  record Result(
      long batches,
      long checkpoints,
      double seconds,
      double p50Millis,
      double p99Millis,
      long errors) {}

  private static long processCpuNanos;
  private static long serverCpuNanos;
  private static long writerCpuNanos;
  private static long compilingMillis;
  private static long rawCpuNanos;

  /**
   * CPU time so far of the server's threads whose names start so: Jetty's request threads or the
   * SQLite writer (on PostgreSQL, request threads write). They live as long as the server, so the
   * difference of two calls is their share; the rest of the process is the clients, GC and the JIT.
   */
  private static long serverThreadsCpu(String prefix) {
    long total = 0;
    for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (thread != null && thread.getThreadName().startsWith(prefix)) {
        total += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
      }
    }
    return total;
  }

  /** Batches {@code first} to {@code first + count - 1}. */
  private static byte[][] bodies(long first, int count, Encoding encoding) {
    byte[][] bodies = new byte[count][];
    // On all cores: building and gzipping them took most of a run's minutes on a loaded machine.
    IntStream.range(0, count)
        .parallel()
        .forEach(i -> bodies[i] = encoding.encode(batch(first + i)));
    return bodies;
  }

  /**
   * Posts, unmeasured, until the JIT has compiled the hot paths: figures taken before are of the
   * JIT. Each slice gets fresh bodies, so that it takes the path of new checkpoints, not of
   * duplicates.
   */
  private static void warmUp(Clients load, Encoding encoding) throws Exception {
    long compiling;
    int slices = 0;
    int perSlice = (int) WARM_UP_SLICE.toSeconds() * 600;
    do {
      byte[][] bodies = bodies((long) slices * perSlice, perSlice, encoding);
      long before = JIT.getTotalCompilationTime();
      load.post(WARM_UP_SLICE, bodies);
      compiling = JIT.getTotalCompilationTime() - before;
      slices++;
    } while (slices < 2 || (compiling > IDLE_JIT_MILLIS_PER_SLICE && slices < MAX_WARM_UP_SLICES));
    System.out.printf(
        Locale.ROOT,
        "warm-up: %d s, the JIT compiled for %d ms in the last %d s%n",
        slices * WARM_UP_SLICE.toSeconds(),
        compiling,
        WARM_UP_SLICE.toSeconds());
  }

  /** The HTTP clients: one thread each, on connections kept for the whole run. */
  private static final class Clients implements AutoCloseable {
    private final HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<URI> uris;
    private final int count;
    private final Encoding encoding;
    private final ExecutorService threads;

    Clients(List<Integer> ports, int count, Encoding encoding) {
      this.uris =
          ports.stream()
              .map(port -> URI.create("http://127.0.0.1:" + port + "/api/v1/checkpoints"))
              .toList();
      this.count = count;
      this.encoding = encoding;
      this.threads = Executors.newFixedThreadPool(count);
    }

    /** Posts until the time is up or the bodies are used up, each body once. */
    Result post(Duration duration, byte[][] bodies) throws Exception {
      AtomicInteger next = new AtomicInteger();
      AtomicLong errors = new AtomicLong();
      long start = System.nanoTime();
      long deadline = start + duration.toNanos();
      List<Future<long[]>> latencies = new ArrayList<>();
      for (int c = 0; c < count; c++) {
        URI uri = uris.get(c % uris.size());
        latencies.add(
            threads.submit(
                () -> {
                  long[] own = new long[1 << 16];
                  int n = 0;
                  int index;
                  while (System.nanoTime() < deadline
                      && n < own.length
                      && (index = next.getAndIncrement()) < bodies.length) {
                    byte[] body = bodies[index];
                    long sent = System.nanoTime();
                    HttpRequest.Builder request =
                        HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    if (encoding == Encoding.GZIP) {
                      request.header("Content-Encoding", "gzip");
                    }
                    HttpResponse<Void> response =
                        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                      own[n++] = System.nanoTime() - sent;
                    } else {
                      errors.incrementAndGet();
                    }
                  }
                  return Arrays.copyOf(own, n);
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<long[]> future : latencies) {
        for (long latency : future.get(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
          all.add(latency);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      all.sort(null);
      return new Result(
          all.size(),
          (long) all.size() * PER_BATCH,
          seconds,
          Stats.percentileMillis(all, 0.50),
          Stats.percentileMillis(all, 0.99),
          errors.get());
    }

    @Override
    public void close() {
      threads.shutdown();
    }
  }

  /** One batch of {@link #PER_BATCH} checkpoints as the exporter sends it, before gzip. */
  static byte[] batch(long batch) {
    StringBuilder json = new StringBuilder(PER_BATCH * 1300);
    json.append("{\"batchId\":\"load-")
        .append(batch)
        .append("\",\"resource\":{\"service\":")
        .append("\"shop\",\"instance\":\"load-1\",\"sdk\":\"checkpoint-java/0.1.0\"},")
        .append("\"checkpoints\":[");
    for (int i = 0; i < PER_BATCH; i++) {
      long n = batch * PER_BATCH + i;
      long startNanos = T0 + n * 1000;
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"id\":\"")
          .append(hex(n + 1, 16))
          .append("\",\"traceId\":\"")
          .append(traceId(batch))
          .append("\",\"parentId\":")
          .append(i == 0 ? "null" : "\"" + hex(batch * PER_BATCH + 1, 16) + "\"")
          .append(",\"runId\":\"load\",\"kind\":\"HTTP_SERVER\",\"name\":\"POST /orders\"")
          .append(",\"startTimeUnixNano\":\"")
          .append(startNanos)
          .append("\",\"endTimeUnixNano\":\"")
          .append(startNanos + 500_000)
          .append("\",\"thread\":\"http-worker-3\",\"input\":")
          .append(IngestPayloads.input(n))
          .append(",\"output\":")
          .append(IngestPayloads.output(n))
          .append(",\"error\":null,\"attributes\":{\"http.route\":\"/orders/{id}\"}")
          .append(",\"truncated\":[],\"redacted\":[\"input.headers.authorization\"]}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Random-looking, as W3C trace ids are, so that the indexes that begin with the trace id take
   * inserts all over, as in production; unique, because its second half is the batch number.
   */
  private static String traceId(long batch) {
    long mixed = (batch + 1) * 0x9E3779B97F4A7C15L; // SplitMix64's finaliser: a bijection
    mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
    mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
    return hex(mixed ^ (mixed >>> 31), 16) + hex(batch + 1, 16);
  }

  static String hex(long value, int digits) {
    String hex = Long.toHexString(value);
    return "0".repeat(digits - hex.length()) + hex;
  }

  /**
   * The same rows, with new ids, straight into the tables the server writes, 100 per transaction as
   * the server does, with the same rows besides the checkpoints: the run (already there), the run's
   * trace and the trace's totals. The totals are what a plain client knows without asking the
   * database (100 new checkpoints, none an error, their span), where the server counts what its
   * insert returns; the checkpoints go as a JDBC batch of single-row inserts, where the server
   * sends multi-row statements. Rows are built before the clock starts, so only the database is
   * timed.
   */
  private static double rawInsert(
      String url, String user, String schema, long firstBatch, long rows) throws Exception {
    // Batch b holds ids b * 100 + 1 to b * 100 + 100, as in the posted batches: one transaction
    // is one batch and one trace.
    long offset = firstBatch * PER_BATCH;
    int count = (int) Math.min(rows, 100_000);
    String[][] values = new String[count][];
    for (int n = 0; n < count; n++) {
      long id = offset + n;
      long batch = id / PER_BATCH;
      values[n] =
          new String[] {
            traceId(batch),
            hex(id + 1, 16),
            n % PER_BATCH == 0 ? null : hex(batch * PER_BATCH + 1, 16),
            IngestPayloads.input(id),
            IngestPayloads.output(id),
            "raw-" + batch
          };
    }
    try (Connection connection = DriverManager.getConnection(url, user, null)) {
      try (Statement statement = connection.createStatement()) {
        if (schema != null) {
          connection.setSchema(schema);
        } else {
          statement.execute("PRAGMA busy_timeout=10000");
          // The settings of the server's writer connection, so that only the server differs.
          statement.execute("PRAGMA synchronous=NORMAL");
          statement.execute("PRAGMA cache_size=-65536");
        }
      }
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      try (PreparedStatement insert = connection.prepareStatement(INSERT);
          PreparedStatement run = connection.prepareStatement(INSERT_RUN);
          PreparedStatement runTrace = connection.prepareStatement(INSERT_RUN_TRACE);
          PreparedStatement traceTotals = connection.prepareStatement(TraceTotals.ADD)) {
        for (int n = 0; n < count; n++) {
          long startNanos = T0 + (offset + n) * 1000L;
          insert.setString(1, values[n][0]);
          insert.setString(2, values[n][1]);
          insert.setString(3, values[n][2]);
          insert.setString(4, "load");
          insert.setString(5, "shop");
          insert.setString(6, "load-1");
          insert.setString(7, "HTTP_SERVER");
          insert.setString(8, "POST /orders");
          insert.setLong(9, startNanos);
          insert.setLong(10, startNanos + 500_000);
          insert.setString(11, "http-worker-3");
          insert.setString(12, values[n][3]);
          insert.setString(13, values[n][4]);
          insert.setString(14, null);
          insert.setString(15, "{\"http.route\":\"/orders/{id}\"}");
          insert.setString(16, "[]");
          insert.setString(17, "[\"input.headers.authorization\"]");
          insert.setString(18, values[n][5]);
          insert.setLong(19, System.currentTimeMillis());
          insert.addBatch();
          if (n % PER_BATCH == 0) {
            // As the server does, once per run, trace and batch.
            run.setString(1, "load");
            run.setString(2, "load");
            run.setLong(3, System.currentTimeMillis());
            run.executeUpdate();
            runTrace.setString(1, "load");
            runTrace.setString(2, values[n][0]);
            runTrace.executeUpdate();
          }
          if ((n + 1) % PER_BATCH == 0 || n + 1 == count) {
            insert.executeBatch();
            // One batch is one trace: its totals are its rows' count and span.
            long firstStart = T0 + (offset + n - n % PER_BATCH) * 1000L;
            traceTotals.setString(1, values[n][0]);
            traceTotals.setLong(2, n % PER_BATCH + 1);
            traceTotals.setLong(3, 0);
            traceTotals.setLong(4, firstStart);
            traceTotals.setLong(5, startNanos + 500_000);
            traceTotals.executeUpdate();
            connection.commit();
          }
        }
      }
      rawCpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;
      return count / ((System.nanoTime() - start) / 1e9);
    }
  }
}
