package dev.checkpoint.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The server's reads on a database made by {@link ScaleDatabase}, through the HTTP API and the web
 * UI: the runs list, a run page, a 1,000-checkpoint tree, search by kind, service and name, and
 * free-text search, each answered {@code requests} times per round with parameters that vary, one
 * request at a time. Prints p50 and p95 per query and round, then the median (min..max) of the p95
 * over the rounds.
 *
 * <pre>
 * java -cp benchmarks.jar dev.checkpoint.benchmarks.ScaleReadHarness sqlite:/path/checkpoint.db 1000000 [rounds] [requests]
 * java -cp benchmarks.jar dev.checkpoint.benchmarks.ScaleReadHarness postgresql:schema 1000000 [rounds] [requests]
 * </pre>
 *
 * <p>The second argument is the {@code checkpoints} the database was generated with, from which the
 * harness knows its runs and trees. Defaults: 5 rounds of 20 requests per query, after one
 * unmeasured round. {@code -Dqueries='tree of 1,000|runs list (ui)'} runs only the queries of those
 * names, as printed.
 */
public final class ScaleReadHarness {
  private static final String[] KINDS = {"SQL", "CACHE", "MESSAGE_PUBLISH", "HTTP_CLIENT"};
  private static final String[] SERVICES = {"payments", "shipping", "accounts", "search"};
  private static final String[] NAMES = {"FraudCheck", "orders", "stripe", "HGETALL"};
  private static final String[] TEXTS = {"Lovelace", "deliver to the neighbour", "CONFIRMED"};

  private ScaleReadHarness() {}

  public static void main(String[] args) throws Exception {
    String target = args[0];
    int runs = ScaleDatabase.runsFor(Long.parseLong(args[1]));
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int requests = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    ServerConfig.Builder config = ServerConfig.builder().port(0);
    if (target.startsWith("sqlite:")) {
      config.dbUrl("jdbc:" + target);
    } else if (target.startsWith("postgresql:")) {
      config
          .dbUrl(ScaleDatabase.PG_URL)
          .dbUser(ScaleDatabase.PG_USER)
          .dbSchema(target.substring("postgresql:".length()));
    } else {
      throw new IllegalArgumentException("sqlite:<file> or postgresql:<schema>, got " + target);
    }
    Map<String, IntFunction<String>> queries = queries(runs);
    String only = System.getProperty("queries");
    if (only != null) {
      queries.keySet().retainAll(List.of(only.split("\\|")));
    }
    Map<String, List<Double>> p95s = new LinkedHashMap<>();
    Map<String, List<Double>> cpus = new LinkedHashMap<>();
    Map<String, List<Double>> allocations = new LinkedHashMap<>();
    try (CheckpointServer server = CheckpointServer.start(config.build())) {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      String base = "http://127.0.0.1:" + server.port();
      ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      for (int round = 0; round <= rounds; round++) {
        for (Map.Entry<String, IntFunction<String>> query : queries.entrySet()) {
          List<Long> latencies = new ArrayList<>();
          long cpuBefore = os.getProcessCpuTime();
          long allocatedBefore = ServiceProcess.allocatedBytes(threads);
          for (int i = 0; i < requests; i++) {
            String path = query.getValue().apply(round * requests + i);
            long sent = System.nanoTime();
            HttpResponse<byte[]> response =
                client.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(120))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            latencies.add(System.nanoTime() - sent);
            if (response.statusCode() != 200) {
              throw new IllegalStateException(path + " answered " + response.statusCode());
            }
          }
          // The process's: the server's and the harness's client's, the same in each build.
          double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6 / requests;
          double allocatedMb =
              (ServiceProcess.allocatedBytes(threads) - allocatedBefore) / 1048576.0 / requests;
          latencies.sort(null);
          if (round == 0) {
            continue;
          }
          double p95 = Stats.percentileMillis(latencies, 0.95);
          p95s.computeIfAbsent(query.getKey(), key -> new ArrayList<>()).add(p95);
          cpus.computeIfAbsent(query.getKey(), key -> new ArrayList<>()).add(cpuMillis);
          allocations.computeIfAbsent(query.getKey(), key -> new ArrayList<>()).add(allocatedMb);
          System.out.printf(
              Locale.ROOT,
              "round %d %-22s p50=%8.1f ms p95=%8.1f ms max=%8.1f ms cpu=%7.1f ms %7.2f MB%n",
              round,
              query.getKey(),
              Stats.percentileMillis(latencies, 0.50),
              p95,
              Stats.percentileMillis(latencies, 1.0),
              cpuMillis,
              allocatedMb);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n| query | p95 ms, median (min..max) of %d rounds | process CPU ms per request |"
            + " MB allocated per request |%n| --- | --- | --- | --- |%n",
        rounds);
    for (Map.Entry<String, List<Double>> query : p95s.entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s |%n",
          query.getKey(),
          Stats.spread(query.getValue()),
          Stats.spread(cpus.get(query.getKey())),
          Stats.spread(allocations.get(query.getKey())));
    }
    System.out.printf(
        Locale.ROOT,
        "load average %.1f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Each query as the path of its {@code i}th request. */
  private static Map<String, IntFunction<String>> queries(int runs) {
    Map<String, IntFunction<String>> queries = new LinkedHashMap<>();
    queries.put("runs list", i -> "/api/v1/runs?limit=20&offset=" + (i % 5) * 20);
    queries.put("runs list (ui)", i -> "/ui/runs");
    queries.put("run page", i -> "/api/v1/runs/" + ScaleDatabase.runId(run(runs, i)));
    queries.put("run page (ui)", i -> "/ui/runs/" + ScaleDatabase.runId(run(runs, i)));
    queries.put(
        "run page, 2,000 trees",
        i -> "/api/v1/runs/" + ScaleDatabase.runId(Math.min(runs - 1, 49 + 50 * (i % 2))));
    queries.put("tree of 1,000", i -> "/api/v1/traces/" + ScaleDatabase.traceId(run(runs, i), 0));
    queries.put(
        "tree of 1,000, outline",
        i -> "/api/v1/traces/" + ScaleDatabase.traceId(run(runs, i), 0) + "/outline");
    queries.put("tree of 1,000 (ui)", i -> "/ui/traces/" + ScaleDatabase.traceId(run(runs, i), 0));
    queries.put("search kind", i -> "/api/v1/checkpoints?kind=" + KINDS[i % KINDS.length]);
    queries.put(
        "search service", i -> "/api/v1/checkpoints?service=" + SERVICES[i % SERVICES.length]);
    queries.put("search name", i -> "/api/v1/checkpoints?name=" + NAMES[i % NAMES.length]);
    queries.put(
        "search kind+service+name",
        i -> "/api/v1/checkpoints?kind=SQL&service=payments&name=orders&offset=" + (i % 3) * 50);
    queries.put(
        "free text",
        i -> "/api/v1/checkpoints?text=" + TEXTS[i % TEXTS.length].replace(" ", "%20"));
    // An id that one checkpoint holds, as a user pastes it from a log: a rare word must be looked
    // up
    // in the whole database, where common ones fill a page from the newest checkpoints.
    queries.put(
        "free text, one checkpoint's order id",
        i -> "/api/v1/checkpoints?text=" + orderId(runs, i));
    // The same id where the user knows the run, as the run page's search does.
    queries.put(
        "free text, one checkpoint's order id, in its run",
        i ->
            "/api/v1/checkpoints?text="
                + orderId(runs, i)
                + "&runId="
                + ScaleDatabase.runId(run(runs, i)));
    return queries;
  }

  private static String orderId(int runs, int i) {
    return IngestPayloads.orderId(ScaleDatabase.number(run(runs, i), 1 + i % 8, i % 3));
  }

  private static int run(int runs, int i) {
    return new SplittableRandom(i).nextInt(runs);
  }
}
