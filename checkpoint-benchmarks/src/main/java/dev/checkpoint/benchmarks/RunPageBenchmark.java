package dev.checkpoint.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server's cost of the web UI's run page ({@code /ui/runs/{id}}, the first 20 trees of a run),
 * on SQLite: wall time per page, the server process's CPU time and the bytes it allocated per page.
 * The run holds {@code trees} trees of {@code checkpoints} checkpoints each, with payloads of about
 * 300 bytes (the trees of {@link UiTreeBenchmark}).
 *
 * <pre>
 * java -cp benchmarks.jar dev.checkpoint.benchmarks.RunPageBenchmark [trees] [checkpoints] [loads]
 * </pre>
 *
 * <p>Defaults: 20 trees of 1,000 checkpoints, 20 measured loads after 5 warm-up loads. The client
 * runs in the same process; its share (one request, a page of a few KB) is the same for every
 * build.
 */
public final class RunPageBenchmark {
  private static final int WARM_UP_LOADS = 5;

  private RunPageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int trees = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int checkpoints = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int loads = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path directory = Files.createTempDirectory("checkpoint-run-page-benchmark");
    ServerConfig config =
        ServerConfig.builder()
            .port(0)
            .dbUrl("jdbc:sqlite:" + directory.resolve("checkpoint.db"))
            .build();
    try (CheckpointServer server = CheckpointServer.start(config)) {
      String base = "http://127.0.0.1:" + server.port();
      for (int tree = 0; tree < trees; tree++) {
        UiTreeBenchmark.ingest(
            base, String.format(Locale.ROOT, "%032x", 0xabc000L + tree), checkpoints);
      }
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest page = HttpRequest.newBuilder(URI.create(base + "/ui/runs/ui-benchmark")).build();
      ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Double> allocated = new ArrayList<>();
      for (int load = 0; load < WARM_UP_LOADS + loads; load++) {
        long cpuBefore = os.getProcessCpuTime();
        long allocatedBefore = ServiceProcess.allocatedBytes(threads);
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(page, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200 || !response.body().contains("ui-benchmark")) {
          throw new IllegalStateException(
              "The run page answered " + response.statusCode() + ": " + response.body());
        }
        if (load >= WARM_UP_LOADS) {
          wall.add(elapsed / 1e6);
          cpu.add((os.getProcessCpuTime() - cpuBefore) / 1e6);
          allocated.add(
              (ServiceProcess.allocatedBytes(threads) - allocatedBefore) / 1024.0 / 1024.0);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "Run page, %d trees of %d checkpoints, %d loads after %d warm-up; median (min..max)%n",
          trees,
          checkpoints,
          loads,
          WARM_UP_LOADS);
      System.out.println("  wall ms per page:      " + Stats.spread(wall));
      System.out.println("  process CPU ms:        " + Stats.spread(cpu));
      System.out.println("  allocated MB per page: " + Stats.spread(allocated));
    }
  }
}
