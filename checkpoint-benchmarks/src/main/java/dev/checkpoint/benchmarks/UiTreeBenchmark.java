package dev.checkpoint.benchmarks;

import dev.checkpoint.Kind;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import dev.checkpoint.server.testing.chromium.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Time to interactive of the web UI's tree page for one large tree, in Debian's headless Chromium:
 * from the start of navigation until the page's script has drawn the tree and answers input (it
 * then sets {@code data-tree-ready} on the body). Also measures collapsing and expanding the whole
 * tree, and the server's share (until the last byte of the page arrived).
 *
 * <pre>
 * java -cp ... dev.checkpoint.benchmarks.UiTreeBenchmark [checkpoints] [runs]
 * </pre>
 *
 * <p>Defaults: 10,000 checkpoints, 7 measured page loads after one warm-up. The tree mixes every
 * kind over four services, four children per checkpoint (about seven levels deep), with payloads of
 * about 300 bytes. Needs /usr/bin/chromium and /usr/bin/chromedriver.
 */
public final class UiTreeBenchmark {
  private static final String TRACE = "5e6f708192a3b4c5d6e7f8091a2b3c4d";
  private static final long T0 = 1_763_900_000_000_000_000L;
  private static final Kind[] KINDS = Kind.values();
  private static final String[] SERVICES = {"shop", "payments", "stock", "mailer"};
  private static final int PER_BATCH = 500;

  private UiTreeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int checkpoints = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path directory = Files.createTempDirectory("checkpoint-ui-benchmark");
    ServerConfig config =
        ServerConfig.builder()
            .port(0)
            .dbUrl("jdbc:sqlite:" + directory.resolve("checkpoint.db"))
            .build();
    try (CheckpointServer server = CheckpointServer.start(config)) {
      String base = "http://127.0.0.1:" + server.port();
      ingest(base, TRACE, checkpoints);
      ChromeDriver driver = chromium(directory.resolve("profile"));
      try {
        measure(driver, base + "/ui/traces/" + TRACE, checkpoints, runs);
      } finally {
        driver.quit();
      }
    }
  }

  private static void measure(ChromeDriver driver, String url, int checkpoints, int runs) {
    List<Double> interactive = new ArrayList<>();
    List<Double> served = new ArrayList<>();
    List<Double> collapse = new ArrayList<>();
    List<Double> expand = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      driver.get("about:blank");
      driver.get(url);
      new WebDriverWait(driver, Duration.ofSeconds(30))
          .until(
              d ->
                  "true"
                      .equals(
                          d.findElement(By.tagName("body")).getDomAttribute("data-tree-ready")));
      double ready = number(driver.executeScript("return window.checkpointTreeReadyMs"));
      double responseEnd =
          number(
              driver.executeScript(
                  "return performance.getEntriesByType('navigation')[0].responseEnd"));
      double collapsed = number(driver.executeScript(clickTimed("collapse-all")));
      double expanded = number(driver.executeScript(clickTimed("expand-all")));
      if (run == 0) {
        System.out.printf(
            Locale.ROOT,
            "warm-up: interactive %.0f ms (%d rows in the tree)%n",
            ready,
            checkpoints);
        continue;
      }
      interactive.add(ready);
      served.add(responseEnd);
      collapse.add(collapsed);
      expand.add(expanded);
    }
    System.out.printf(
        Locale.ROOT,
        "Tree page, %d checkpoints, %d loads in headless Chromium:%n",
        checkpoints,
        runs);
    report("time to interactive", interactive);
    report("  of which the page's last byte", served);
    report("collapse all", collapse);
    report("expand all", expand);
  }

  /** Clicks a button and returns how long the page took to handle it, drawing included. */
  private static String clickTimed(String id) {
    return "var start = performance.now(); document.getElementById('"
        + id
        + "').click(); document.body.getBoundingClientRect(); return performance.now() - start;";
  }

  private static void report(String what, List<Double> millis) {
    List<Double> sorted = millis.stream().sorted().toList();
    double median =
        sorted.size() % 2 == 1
            ? sorted.get(sorted.size() / 2)
            : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    System.out.printf(
        Locale.ROOT,
        "  %-32s median %7.1f ms   min %7.1f   max %7.1f%n",
        what,
        median,
        sorted.get(0),
        sorted.get(sorted.size() - 1));
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  private static ChromeDriver chromium(Path profile) {
    ChromeOptions options = HeadlessChromium.options(profile);
    options.setExperimentalOption("prefs", Map.of("download.prompt_for_download", false));
    return HeadlessChromium.start(options);
  }

  /**
   * Ingests one tree of {@code count} checkpoints (see {@link #checkpoint}) into the run {@code
   * ui-benchmark} through the API.
   */
  static void ingest(String base, String trace, int count) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    StringBuilder batch = new StringBuilder();
    int inBatch = 0;
    for (int i = 0; i < count; i++) {
      batch.append(inBatch == 0 ? "" : ",").append(checkpoint(trace, i));
      inBatch++;
      if (inBatch == PER_BATCH || i == count - 1) {
        String body =
            "{\"batchId\":\""
                + UUID.randomUUID()
                + "\",\"resource\":{\"service\":"
                + "\"shop\"},\"checkpoints\":["
                + batch
                + "]}";
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/checkpoints"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("Ingestion failed: " + response.body());
        }
        batch.setLength(0);
        inBatch = 0;
      }
    }
  }

  /** Checkpoint i of a tree where i's parent is (i - 1) / 4: a complete four-ary tree. */
  private static String checkpoint(String trace, int i) {
    int depth = 0;
    for (int j = i; j > 0; j = (j - 1) / 4) {
      depth++;
    }
    long start = T0 + depth * 1_000_000L + i * 1_000L;
    long end = start + (20 - Math.min(depth, 19)) * 1_000_000L;
    String kind = KINDS[depth % KINDS.length].name();
    return "{\"id\":\""
        + spanId(i)
        + "\",\"traceId\":\""
        + trace
        + "\",\"parentId\":"
        + (i == 0 ? "null" : "\"" + spanId((i - 1) / 4) + "\"")
        + ",\"runId\":\"ui-benchmark\",\"service\":\""
        + SERVICES[depth % SERVICES.length]
        + "\",\"kind\":\""
        + kind
        + "\",\"name\":\""
        + kind.toLowerCase(Locale.ROOT)
        + " call "
        + i
        + "\",\"startTimeUnixNano\":\""
        + start
        + "\",\"endTimeUnixNano\":\""
        + end
        + "\",\"thread\":\"worker-1\",\"input\":{\"orderId\":\"o-"
        + i
        + "\",\"items\":[{\"sku\":\"book-1\",\"qty\":2},{\"sku\":\"pen-7\",\"qty\":1}],"
        + "\"note\":\"deliver to the back door, ring twice\"},\"output\":{\"status\":\"OK\","
        + "\"total\":12.5,\"currency\":\"EUR\"},\"error\":"
        + (i % 97 == 0 ? "{\"type\":\"IOException\",\"message\":\"timeout\",\"stack\":[]}" : "null")
        + ",\"attributes\":{}}";
  }

  private static String spanId(int i) {
    return String.format(Locale.ROOT, "%016x", 0x1000L + i);
  }
}
