package dev.checkpoint.benchmarks;

import dev.checkpoint.server.internal.storage.JdbcCheckpointStore;
import dev.checkpoint.server.internal.storage.StorageSettings;
import dev.checkpoint.server.internal.storage.TraceTotals;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Generates a large database of checkpoints in the server's own schema, for the read and retention
 * harnesses: {@code runs} runs of CI and load tests over the last {@code days} days, each with 10
 * to 160 trees (every 50th run 2,000), trees of 3 to 18 checkpoints mostly, a quarter of 20 to 200,
 * a few of 1,000, and the first tree of every run 1,000 checkpoints (the harness's big tree); 8
 * services, all kinds, 40 names, payloads of about 1 KiB (the ingestion harness's orders), 2 % of
 * checkpoints with an error.
 *
 * <pre>
 * java -cp benchmarks.jar dev.checkpoint.benchmarks.ScaleDatabase sqlite:/path/checkpoint.db 10000000 [days]
 * java -cp benchmarks.jar dev.checkpoint.benchmarks.ScaleDatabase postgresql:schema 10000000 [days]
 * </pre>
 *
 * <p>The schema comes from the server ({@link JdbcCheckpointStore#open} migrates it), the rows go
 * in directly: JDBC batches on SQLite, {@code COPY} on PostgreSQL, one transaction per run. The
 * runs are a function of their number, so a generation that stops is resumed by running the same
 * command again: the runs already stored are skipped. On PostgreSQL the trigram index is dropped
 * while rows go in and built once at the end, with the rows marked as indexed; SQLite runs with
 * {@code synchronous=OFF} while generating (a generated file that a power loss corrupts is
 * generated again). PostgreSQL is the test database at 127.0.0.1:5432/test, user postgres, unless
 * {@code -Dcheckpoint.load.pg-url=...} names another (as for {@link IngestLoadHarness}); {@code
 * -Dscale.trigram=false} generates it without the trigram index.
 */
public final class ScaleDatabase {
  static final String PG_URL = IngestLoadHarness.PG_URL;
  static final String PG_USER = "postgres";

  /**
   * {@code -Dscale.trigram=false} leaves PostgreSQL's trigram index out: it took 466 to 1,207 s per
   * million checkpoints on this loaded machine, hours for ten million. Free text then filters the
   * checkpoints of the search's time windows (common words) or scans (rare words).
   */
  static final String TRIGRAM_PROPERTY = "scale.trigram";

  private static final int BIG_TREE = 1_000;
  private static final String[] SERVICES = {
    "gateway", "shop", "payments", "inventory", "shipping", "notifications", "accounts", "search"
  };
  private static final String[][] CALLS = {
    {"HTTP_CLIENT", "POST /payments"},
    {"HTTP_CLIENT", "GET /inventory/{sku}"},
    {"HTTP_CLIENT", "POST /shipments"},
    {"HTTP_CLIENT", "GET /accounts/{id}"},
    {"HTTP_CLIENT", "POST https://api.stripe.example/v1/charges"},
    {"SQL", "SELECT orders"},
    {"SQL", "INSERT orders"},
    {"SQL", "UPDATE orders"},
    {"SQL", "SELECT order_items"},
    {"SQL", "INSERT order_items"},
    {"SQL", "SELECT customers"},
    {"SQL", "UPDATE stock"},
    {"SQL", "SELECT stock"},
    {"SQL", "INSERT payments"},
    {"SQL", "SELECT shipments"},
    {"SQL", "INSERT outbox"},
    {"METHOD", "PriceCalculator.total"},
    {"METHOD", "TaxRules.apply"},
    {"METHOD", "FraudCheck.score"},
    {"METHOD", "DiscountService.apply"},
    {"METHOD", "AddressValidator.validate"},
    {"METHOD", "InvoiceRenderer.render"},
    {"MESSAGE_PUBLISH", "orders.created"},
    {"MESSAGE_PUBLISH", "payments.captured"},
    {"MESSAGE_PUBLISH", "shipments.requested"},
    {"MESSAGE_CONSUME", "orders.created"},
    {"MESSAGE_CONSUME", "payments.captured"},
    {"MESSAGE_CONSUME", "shipments.requested"},
    {"CACHE", "GET"},
    {"CACHE", "SET"},
    {"CACHE", "DEL"},
    {"CACHE", "HGETALL"},
  };
  private static final String[] ROOTS = {
    "POST /orders",
    "GET /orders/{id}",
    "GET /products/{id}",
    "POST /carts/{id}/items",
    "POST /checkout",
    "GET /customers/{id}",
    "DELETE /carts/{id}",
    "GET /search",
  };
  // Positions in a row of #row, in the order of COLUMNS.
  private static final int TRACE_ID = 0;
  private static final int START_NANOS = 8;
  private static final int END_NANOS = 9;
  private static final int ERROR = 13;
  private static final String COLUMNS =
      "trace_id, id, parent_id, run_id, service, instance, kind, name, start_nanos, end_nanos,"
          + " thread, input, output, error, attributes, truncated, redacted, batch_id, received_at";

  private ScaleDatabase() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: ScaleDatabase sqlite:<file>|postgresql:<schema> <checkpoints> [days]");
    }
    Target target = Target.of(args[0]);
    long wanted = Long.parseLong(args[1]);
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int runs = runsFor(wanted);
    long newest = System.currentTimeMillis();
    long oldest = newest - Duration.ofDays(days).toMillis();
    JdbcCheckpointStore.open(target.settings(), Clock.systemUTC()).close();
    long started = System.nanoTime();
    long rows = 0;
    try (Connection connection = target.connect()) {
      Set<String> stored = storedRuns(connection);
      target.beforeGenerating(connection);
      for (int run = 0; run < runs; run++) {
        if (stored.contains(runId(run))) {
          continue;
        }
        long startedAt = oldest + (newest - oldest) * run / runs;
        rows += target.insertRun(connection, run, startedAt);
        if (run % 10 == 9) {
          System.out.printf(
              Locale.ROOT,
              "run %d of %d, %,d checkpoints in %.0f s%n",
              run + 1,
              runs,
              rows,
              (System.nanoTime() - started) / 1e9);
        }
      }
      long indexing = System.nanoTime();
      target.afterGenerating(connection);
      System.out.printf(
          Locale.ROOT,
          "done: %d runs, %,d checkpoints inserted in %.0f s, then indexes and statistics in %.0f"
              + " s%n",
          runs,
          rows,
          (indexing - started) / 1e9,
          (System.nanoTime() - indexing) / 1e9);
    }
  }

  /** The number of runs whose checkpoints first reach {@code wanted}. */
  static int runsFor(long wanted) {
    long total = 0;
    int runs = 0;
    while (total < wanted) {
      for (int size : treeSizes(runs)) {
        total += size;
      }
      runs++;
    }
    return runs;
  }

  static String runId(int run) {
    return String.format(Locale.ROOT, "scale-%06d", run);
  }

  /** The trace of a run's tree; tree 0 of every run has 1,000 checkpoints. */
  static String traceId(int run, int tree) {
    long mixed = ((long) run << 32 | tree) * 0x9E3779B97F4A7C15L + 1;
    mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
    mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
    return IngestLoadHarness.hex(mixed ^ (mixed >>> 31), 16)
        + IngestLoadHarness.hex((long) run << 32 | tree, 16);
  }

  /** The number of a checkpoint, from which its payloads are generated. */
  static long number(int run, int tree, int index) {
    return (long) run << 32 | (long) tree << 12 | index;
  }

  private static int[] treeSizes(int run) {
    SplittableRandom random = new SplittableRandom(run);
    int[] sizes = new int[run % 50 == 49 ? 2_000 : 10 + random.nextInt(151)];
    sizes[0] = BIG_TREE;
    for (int tree = 1; tree < sizes.length; tree++) {
      double p = random.nextDouble();
      sizes[tree] =
          p < 0.005 ? BIG_TREE : p < 0.25 ? 20 + random.nextInt(181) : 3 + random.nextInt(16);
    }
    return sizes;
  }

  private static Set<String> storedRuns(Connection connection) throws SQLException {
    Set<String> runs = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM runs WHERE id LIKE 'scale-%'")) {
      while (rows.next()) {
        runs.add(rows.getString(1));
      }
    }
    return runs;
  }

  /** One checkpoint's columns, in the order of {@link #COLUMNS}. */
  private static Object[] row(
      int run, int tree, int index, long startedAtMillis, SplittableRandom random) {
    String traceId = traceId(run, tree);
    String service;
    String kind;
    String name;
    if (index == 0) {
      service = "gateway";
      kind = "HTTP_SERVER";
      name = ROOTS[(run + tree) % ROOTS.length];
    } else {
      String[] call = CALLS[random.nextInt(CALLS.length)];
      service = SERVICES[1 + random.nextInt(SERVICES.length - 1)];
      kind = call[0];
      name = call[1];
    }
    long n = number(run, tree, index);
    long start = (startedAtMillis + tree * 1_000L) * 1_000_000L + index * 50_000L;
    String error =
        random.nextInt(50) == 0
            ? "{\"type\":\"java.sql.SQLTransientConnectionException\",\"message\":\"Connection is"
                + " not available, request timed out after 30000ms\"}"
            : null;
    return new Object[] {
      traceId,
      IngestLoadHarness.hex(index + 1, 16),
      index == 0 ? null : IngestLoadHarness.hex((index - 1) / 4 + 1, 16),
      runId(run),
      service,
      service + "-7d9f" + (index % 3),
      kind,
      name,
      start,
      start + 40_000L + random.nextInt(2_000_000),
      "http-nio-8080-exec-" + (1 + random.nextInt(10)),
      IngestPayloads.input(n),
      error == null ? IngestPayloads.output(n) : null,
      error,
      "{\"http.route\":\"/orders/{id}\"}",
      "[]",
      "[\"input.headers.authorization\"]",
      "batch-" + run + "-" + tree + "-" + index / 100,
      startedAtMillis + tree * 1_000L + 500
    };
  }

  private static String runName(int run) {
    return switch (run % 4) {
      case 0 -> "nightly regression #" + run;
      case 1 -> "pr-" + (4_000 + run) + " checkout";
      case 2 -> "load test orders #" + run;
      default -> "replay payments #" + run;
    };
  }

  /** Where the rows go, and how. */
  private sealed interface Target {
    StorageSettings settings();

    Connection connect() throws SQLException;

    void beforeGenerating(Connection connection) throws SQLException;

    /** Inserts the run with its trees in one transaction; returns its checkpoints. */
    long insertRun(Connection connection, int run, long startedAtMillis) throws Exception;

    void afterGenerating(Connection connection) throws SQLException;

    static Target of(String argument) {
      if (argument.startsWith("sqlite:")) {
        return new Sqlite("jdbc:" + argument);
      }
      if (argument.startsWith("postgresql:")) {
        return new Postgres(argument.substring("postgresql:".length()));
      }
      throw new IllegalArgumentException(
          "the database must be sqlite:<file> or postgresql:<schema>, got " + argument);
    }
  }

  private static void insertRunRows(Connection connection, int run, long startedAtMillis)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO runs (id, name, scenario, labels, started_at, closed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, runId(run));
      insert.setString(2, runName(run));
      insert.setString(3, run % 4 == 3 ? "scenarios/payments.yaml" : null);
      insert.setString(
          4, "{\"branch\":\"" + (run % 4 == 1 ? "feature-" + run : "main") + "\",\"ci\":\"gh\"}");
      insert.setLong(5, startedAtMillis);
      insert.setLong(6, startedAtMillis + 600_000);
      insert.executeUpdate();
    }
    int[] sizes = treeSizes(run);
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO run_traces (run_id, trace_id) VALUES (?, ?)")) {
      for (int tree = 0; tree < sizes.length; tree++) {
        insert.setString(1, runId(run));
        insert.setString(2, traceId(run, tree));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Generates the run's rows tree by tree, hands each to {@code sink}, counts each into {@code
   * totals} (kept by the server at ingestion, migration V6) and returns how many it made. Counting
   * the totals back from {@code checkpoints} in SQL slowed PostgreSQL to under 2,000 rows/s past 3
   * million rows.
   */
  private static long generateRows(int run, long startedAtMillis, TraceTotals totals, RowSink sink)
      throws Exception {
    SplittableRandom random = new SplittableRandom(~run);
    int[] sizes = treeSizes(run);
    long rows = 0;
    for (int tree = 0; tree < sizes.length; tree++) {
      for (int index = 0; index < sizes[tree]; index++) {
        Object[] row = row(run, tree, index, startedAtMillis, random);
        totals.count(
            (String) row[TRACE_ID],
            row[ERROR] != null,
            (Long) row[START_NANOS],
            (Long) row[END_NANOS]);
        sink.accept(row);
        rows++;
      }
      sink.treeDone();
    }
    return rows;
  }

  /** Where {@link #generateRows} puts each row. */
  private interface RowSink {
    void accept(Object[] row) throws Exception;

    default void treeDone() throws Exception {}
  }

  private record Sqlite(String url) implements Target {
    @Override
    public StorageSettings settings() {
      return new StorageSettings(url, null, null, null, 2, "NORMAL");
    }

    @Override
    public Connection connect() throws SQLException {
      Connection connection = DriverManager.getConnection(url);
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA synchronous=OFF");
        statement.execute("PRAGMA cache_size=-262144");
      }
      connection.setAutoCommit(false);
      return connection;
    }

    @Override
    public void beforeGenerating(Connection connection) {}

    @Override
    public long insertRun(Connection connection, int run, long startedAtMillis) throws Exception {
      insertRunRows(connection, run, startedAtMillis);
      TraceTotals totals = new TraceTotals();
      long rows;
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO checkpoints ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        rows =
            generateRows(
                run,
                startedAtMillis,
                totals,
                new RowSink() {
                  @Override
                  public void accept(Object[] row) throws SQLException {
                    for (int i = 0; i < row.length; i++) {
                      insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                  }

                  @Override
                  public void treeDone() throws SQLException {
                    insert.executeBatch();
                  }
                });
      }
      totals.add(connection);
      connection.commit();
      return rows;
    }

    @Override
    public void afterGenerating(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE");
      }
      connection.commit();
    }
  }

  private record Postgres(String schema) implements Target {
    @Override
    public StorageSettings settings() {
      return new StorageSettings(PG_URL, PG_USER, null, schema, 2, "NORMAL");
    }

    @Override
    public Connection connect() throws SQLException {
      Connection connection = DriverManager.getConnection(PG_URL, PG_USER, null);
      connection.setSchema(schema);
      connection.setAutoCommit(false);
      return connection;
    }

    @Override
    public void beforeGenerating(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP INDEX IF EXISTS checkpoints_payload_trgm");
      }
      connection.commit();
    }

    @Override
    public long insertRun(Connection connection, int run, long startedAtMillis) throws Exception {
      insertRunRows(connection, run, startedAtMillis);
      CopyIn copy =
          connection
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY checkpoints (" + COLUMNS + ", indexed) FROM STDIN");
      StringBuilder line = new StringBuilder(4096);
      TraceTotals totals = new TraceTotals();
      long rows;
      try {
        rows =
            generateRows(
                run,
                startedAtMillis,
                totals,
                row -> {
                  line.setLength(0);
                  for (Object value : row) {
                    copyField(line, value);
                    line.append('\t');
                  }
                  line.append("t\n");
                  byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                  copy.writeToCopy(bytes, 0, bytes.length);
                });
        copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
      totals.add(connection);
      connection.commit();
      return rows;
    }

    /** A field of COPY's text format: backslash escapes, {@code \N} for null. */
    private static void copyField(StringBuilder line, Object value) {
      if (value == null) {
        line.append("\\N");
        return;
      }
      String text = value.toString();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '\\' -> line.append("\\\\");
          case '\t' -> line.append("\\t");
          case '\n' -> line.append("\\n");
          case '\r' -> line.append("\\r");
          default -> line.append(c);
        }
      }
    }

    @Override
    public void afterGenerating(Connection connection) throws SQLException {
      if (Boolean.parseBoolean(System.getProperty(TRIGRAM_PROPERTY, "true"))) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET maintenance_work_mem = '512MB'");
          // The index of migration V5, built once over all rows instead of row by row.
          statement.execute(
              "CREATE INDEX IF NOT EXISTS checkpoints_payload_trgm ON checkpoints USING gin ("
                  + "(coalesce(input, '') || E'\\n' || coalesce(output, '') || E'\\n'"
                  + " || coalesce(error, '')) public.gin_trgm_ops) WHERE indexed");
        }
        connection.commit();
      } else {
        System.out.println(
            "no trigram index (" + TRIGRAM_PROPERTY + "=false): free text of rare words scans");
      }
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("VACUUM ANALYZE checkpoints");
        statement.execute("VACUUM ANALYZE run_traces");
        statement.execute("VACUUM ANALYZE trace_totals");
        statement.execute("VACUUM ANALYZE runs");
      }
    }
  }
}
