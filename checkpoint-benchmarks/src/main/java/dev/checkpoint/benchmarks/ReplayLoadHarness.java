package dev.checkpoint.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.model.Ids;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.core.propagation.TraceParent;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Replay against plain serving on the demo shop's orders service. Records N orders (orders,
 * payments and shipping running, mode ON) into an in-process checkpoint server, then in each of R
 * rounds, in alternating order:
 *
 * <ul>
 *   <li>{@code off}: orders started afresh with recording OFF and its real dependencies (payments,
 *       shipping, their SQLite files and RabbitMQ), the same N requests sent one after another;
 *   <li>{@code replay}: orders started afresh in REPLAY mode from the recorded run, nothing else
 *       running, and {@code checkpoint replay --run ... --service orders --target ...} run as the
 *       user runs it (its own JVM, from the CLI jar): it reads the recording, sends the N entry
 *       requests one after another, waits for the replayed trees and compares each.
 * </ul>
 *
 * Reported per round and as median (min..max): requests per second while sending (replay: from the
 * command's "replaying" line to its "waiting for" line), the replay command's wall time from launch
 * to exit, and orders' own CPU time and allocated bytes per request (JMX, {@link ServiceProcess}),
 * with the ratio of replay to off in the same round.
 *
 * <p>{@code -DCHECKPOINT_JAR_B=other.jar} adds a third configuration, {@code replay-B}: the same
 * replay with the command from another build, alternated with the others in every round (an A/B of
 * a change to the replay command; the services run from {@code CHECKPOINT_JAR}). {@code
 * -DCLI_JVM_OPTIONS="..."} adds JVM options to the replay command, such as a JFR recording ({@code
 * -XX:StartFlightRecording=filename=/tmp/replay.jfr,settings=profile}).
 *
 * <pre>
 * java -DCHECKPOINT_JAR=checkpoint-cli/target/checkpoint.jar \
 *   -cp checkpoint-benchmarks/target/benchmarks.jar dev.checkpoint.benchmarks.ReplayLoadHarness 1000 5
 * </pre>
 *
 * The services run from the CLI jar, which holds the demo, all on free ports, with RabbitMQ at
 * {@code DEMO_RABBITMQ_URI} (default {@code amqp://guest:guest@127.0.0.1:5672}), which they read
 * from the harness's environment. Shipping's queue is exclusive, so on a broker that other demo
 * runs use give the harness a virtual host of its own ({@code rabbitmqctl add_vhost replay-bench},
 * {@code rabbitmqctl set_permissions -p replay-bench guest ".*" ".*" ".*"}, {@code
 * DEMO_RABBITMQ_URI=amqp://guest:guest@127.0.0.1:5672/replay-bench}).
 */
public final class ReplayLoadHarness {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "replay-bench-recorded";
  private static final Duration INGEST_TIMEOUT = Duration.ofSeconds(120);

  /**
   * The order mix, cycled: paid orders of each product (each one SELECT of the catalogue, INSERT,
   * POST /payments, UPDATE, SELECT), a declined card (payments answers 402) and an unknown product
   * (404 before any write).
   */
  private static final List<String> ORDERS =
      List.of(
          order("BOOK-1", 2, "4111111111111111"),
          order("LAMP-9", 1, "4111111111111111"),
          order("MUG-2", 3, "4111111111111111"),
          order("BOOK-1", 1, "4111111111111111"),
          order("MUG-2", 1, "4000000000000002"),
          order("LAMP-9", 2, "4111111111111111"),
          order("MUG-2", 2, "4111111111111111"),
          order("BOOK-1", 3, "4111111111111111"),
          order("LAMP-9", 1, "4111111111111111"),
          order("NOPE-0", 1, "4111111111111111"));

  /** The CLI jar of each replay configuration: "replay", and "replay-B" for an A/B. */
  private final Map<String, String> replayJars;

  private final String checkpointJar;
  private final List<String> cliJvmOptions;
  private final Path dir;
  private final String serverUrl;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private ReplayLoadHarness(
      Map<String, String> replayJars, List<String> cliJvmOptions, Path dir, String serverUrl) {
    this.replayJars = replayJars;
    // The services run from the first jar: a B build changes the replay command only.
    this.checkpointJar = replayJars.get("replay");
    this.cliJvmOptions = cliJvmOptions;
    this.dir = dir;
    this.serverUrl = serverUrl;
  }

  /**
   * One measurement of one configuration in one round. The replay command's time is split in
   * reading the recording (from launch to its "replaying" line), sending, and collecting and
   * comparing the replayed trees (from its "waiting for" line to its exit); off only sends.
   */
  record Measurement(
      double requestsPerSecond,
      double commandSeconds,
      double readSeconds,
      double sendSeconds,
      double compareSeconds,
      double cpuMicrosPerRequest,
      double allocatedKibPerRequest,
      String outcome) {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Map<String, String> jars = new LinkedHashMap<>();
    jars.put("replay", jar("CHECKPOINT_JAR", true));
    String candidate = jar("CHECKPOINT_JAR_B", false);
    if (candidate != null) {
      jars.put("replay-B", candidate);
    }
    // Ctrl-C or kill: the services go with the harness.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
    Path dir = Files.createTempDirectory("replay-bench");
    try (CheckpointServer server =
        CheckpointServer.start(
            ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dbUrl("jdbc:sqlite:" + dir.resolve("checkpoint.db"))
                .build())) {
      ReplayLoadHarness harness =
          new ReplayLoadHarness(
              jars,
              words(System.getProperty("CLI_JVM_OPTIONS", "")),
              dir,
              "http://127.0.0.1:" + server.port());
      List<String> bodies = harness.record(entries);
      Map<String, List<Measurement>> results = new LinkedHashMap<>();
      results.put("off", new ArrayList<>());
      jars.keySet().forEach(name -> results.put(name, new ArrayList<>()));
      for (int round = 1; round <= rounds; round++) {
        List<String> order = new ArrayList<>(results.keySet());
        if (round % 2 == 0) {
          Collections.reverse(order);
        }
        for (String config : order) {
          Measurement measurement =
              config.equals("off")
                  ? harness.off(bodies, round)
                  : harness.replay(config, entries, round);
          System.err.printf(Locale.ROOT, "round %d %s: %s%n", round, config, measurement);
          results.get(config).add(measurement);
        }
      }
      print(entries, rounds, results);
    }
  }

  /**
   * Compact JSON, as {@code checkpoint replay} sends a recorded JSON body: its {@code
   * content-length} is then the recorded one.
   */
  private static String order(String product, int quantity, String card) {
    return "{\"productId\":\""
        + product
        + "\",\"quantity\":"
        + quantity
        + ",\"cardNumber\":\""
        + card
        + "\"}";
  }

  /** Records the run to replay; returns the bodies sent, in order. */
  private List<String> record(int entries) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      bodies.add(ORDERS.get(i % ORDERS.size()));
    }
    // ON_DEMAND, as the scenario runner records: only the requests carrying the run in their
    // baggage, not the harness's health checks.
    Map<String, String> recording =
        Map.of("CHECKPOINT_MODE", "ON_DEMAND", "CHECKPOINT_ENDPOINT", serverUrl);
    long started = System.nanoTime();
    try (Shop shop = startShop(recording, "record")) {
      send(shop.orders(), bodies, Baggage.empty().with(Baggage.RUN_KEY, RUN).format());
      awaitRecorded(entries, shop);
    }
    System.err.printf(
        Locale.ROOT,
        "recorded %d orders in run %s in %.1f s%n",
        entries,
        RUN,
        (System.nanoTime() - started) / 1e9);
    return bodies;
  }

  /** The N requests to orders with recording OFF and its real dependencies. */
  private Measurement off(List<String> bodies, int round) throws Exception {
    try (Shop shop = startShop(Map.of("CHECKPOINT_MODE", "OFF"), "off-" + round)) {
      ServiceProcess.Usage before = shop.orders().usage();
      long started = System.nanoTime();
      long failed = send(shop.orders(), bodies, null);
      double seconds = (System.nanoTime() - started) / 1e9;
      ServiceProcess.Usage used = shop.orders().usage().minus(before);
      return measurement(bodies.size(), 0, seconds, 0, used, failed + " unexpected statuses");
    }
  }

  /** {@code checkpoint replay} of the recorded run against orders alone in REPLAY mode. */
  private Measurement replay(String config, int entries, int round) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("CHECKPOINT_MODE", "REPLAY");
    env.put("CHECKPOINT_ENDPOINT", serverUrl);
    env.put("CHECKPOINT_REPLAY_SOURCE", serverUrl);
    env.put("CHECKPOINT_REPLAY_RUN", RUN);
    // Nothing listens here: a call that was not answered from the recording fails.
    env.put("DEMO_PAYMENTS_URL", "http://127.0.0.1:" + ServiceProcess.freePort());
    env.put("DEMO_DATA_DIR", dir.resolve(config + "-" + round).toString());
    try (ServiceProcess orders = service("orders", "OrdersService", env)) {
      ServiceProcess.Usage before = orders.usage();
      Path junit = dir.resolve(config + "-" + round + ".xml");
      List<String> command = new ArrayList<>(List.of(javaCommand()));
      command.addAll(cliJvmOptions);
      command.addAll(
          List.of(
              "-jar",
              replayJars.get(config),
              "replay",
              "--run",
              RUN,
              "--service",
              "orders",
              "--target",
              orders.url(),
              "--server",
              serverUrl,
              "--report-junit",
              junit.toString()));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.redirectErrorStream(true);
      long launched = System.nanoTime();
      Process process = builder.start();
      long sending = 0;
      long sent = 0;
      String summary = "";
      List<String> tail = new ArrayList<>();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("replaying ")) {
            sending = System.nanoTime();
          } else if (line.startsWith("waiting for ")) {
            sent = System.nanoTime();
          } else if (line.contains(" entry requests of orders replayed from ")) {
            summary = line.substring(line.indexOf(": ") + 2);
          }
          tail.add(line);
          if (tail.size() > 20) {
            tail.remove(0);
          }
        }
      }
      int exit = process.waitFor();
      long exited = System.nanoTime();
      ServiceProcess.Usage used = orders.usage().minus(before);
      if (sending == 0 || sent == 0) {
        throw new IllegalStateException(
            "checkpoint replay exited with "
                + exit
                + " before it sent every entry; its last lines:\n"
                + String.join("\n", tail)
                + "\norders' log: "
                + orders.log());
      }
      return measurement(
          entries,
          (sending - launched) / 1e9,
          (sent - sending) / 1e9,
          (exited - sent) / 1e9,
          used,
          "exit " + exit + ", " + summary);
    }
  }

  private static Measurement measurement(
      int requests,
      double readSeconds,
      double sendSeconds,
      double compareSeconds,
      ServiceProcess.Usage used,
      String outcome) {
    return new Measurement(
        requests / sendSeconds,
        readSeconds + sendSeconds + compareSeconds,
        readSeconds,
        sendSeconds,
        compareSeconds,
        used.cpuNanos() / 1e3 / requests,
        used.allocatedBytes() / 1024.0 / requests,
        outcome);
  }

  /**
   * Sends the orders one after another, as the replay does.
   *
   * @param baggage the W3C baggage to send, or {@code null}
   * @return how many were answered otherwise than the mix expects
   */
  private long send(ServiceProcess orders, List<String> bodies, String baggage) throws Exception {
    URI uri = URI.create(orders.url() + "/orders");
    long failed = 0;
    for (String body : bodies) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (baggage != null) {
        // A trace context of its own, as the scenario runner sends and the replay sends again.
        request.header(
            "traceparent", TraceParent.sampled(Ids.newTraceId(), Ids.newCheckpointId()).format());
        request.header(Baggage.HEADER, baggage);
      }
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      // 402 (declined card) and 404 (unknown product) are in the mix on purpose.
      if (response.statusCode() != 201
          && response.statusCode() != 402
          && response.statusCode() != 404) {
        failed++;
      }
    }
    return failed;
  }

  /**
   * Waits until the server holds every recorded order's tree: N orders entries, and no checkpoint
   * of the run arrived for a second.
   */
  private void awaitRecorded(int entries, Shop shop) throws Exception {
    long deadline = System.nanoTime() + INGEST_TIMEOUT.toNanos();
    int last = -1;
    int roots = 0;
    while (System.nanoTime() < deadline) {
      roots =
          count(
              Map.of(
                  "runId",
                  RUN,
                  "service",
                  "orders",
                  "kind",
                  "HTTP_SERVER",
                  "name",
                  "POST /orders"));
      int all = count(Map.of("runId", RUN));
      if (roots == entries && all == last) {
        return;
      }
      last = all;
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        "the checkpoint server received "
            + roots
            + " of the "
            + entries
            + " recorded orders within "
            + INGEST_TIMEOUT.toSeconds()
            + " s; see the services' logs "
            + shop.services().stream().map(ServiceProcess::log).toList());
  }

  private int count(Map<String, String> filter) throws Exception {
    int count = 0;
    int offset = 0;
    while (true) {
      StringBuilder query = new StringBuilder("limit=1000&offset=" + offset);
      filter.forEach((k, v) -> query.append('&').append(k).append('=').append(encode(v)));
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(serverUrl + "/api/v1/checkpoints?" + query))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode page = JSON.readTree(response.body());
      count += page.path("items").size();
      if (!page.path("nextOffset").isNumber()) {
        return count;
      }
      offset = page.path("nextOffset").asInt();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Shipping, payments and orders, each on a free port with {@code env}. */
  private Shop startShop(Map<String, String> env, String name) throws Exception {
    Function<String, Map<String, String>> with =
        service -> {
          Map<String, String> all = new HashMap<>(env);
          all.put("DEMO_DATA_DIR", dir.resolve(name).resolve(service).toString());
          return all;
        };
    List<ServiceProcess> started = new ArrayList<>();
    try {
      ServiceProcess shipping = service("shipping", "ShippingService", with.apply("shipping"));
      started.add(shipping);
      Map<String, String> payments = with.apply("payments");
      payments.put("DEMO_SHIPPING_URL", shipping.url());
      ServiceProcess paymentsService = service("payments", "PaymentsService", payments);
      started.add(paymentsService);
      Map<String, String> orders = with.apply("orders");
      orders.put("DEMO_PAYMENTS_URL", paymentsService.url());
      ServiceProcess ordersService = service("orders", "OrdersService", orders);
      started.add(ordersService);
      return new Shop(started);
    } catch (Exception e) {
      new Shop(started).close();
      throw e;
    }
  }

  private ServiceProcess service(String name, String main, Map<String, String> env)
      throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("CHECKPOINT_EXPORT_INTERVAL_MS", "100");
    return ServiceProcess.start(
        new ServiceProcess.Launch(
            name,
            List.of("-Xmx256m"),
            checkpointJar,
            "dev.checkpoint.demo." + main,
            all,
            "PORT",
            "/health"));
  }

  /** The jar a system property or environment variable names; exits when it is not there. */
  private static String jar(String name, boolean required) {
    String jar = System.getProperty(name, System.getenv(name));
    if (jar == null && !required) {
      return null;
    }
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      System.err.println(
          "usage: java -DCHECKPOINT_JAR=checkpoint-cli/target/checkpoint.jar"
              + " [-DCHECKPOINT_JAR_B=other-build.jar] -cp benchmarks.jar"
              + " dev.checkpoint.benchmarks.ReplayLoadHarness [entries=1000] [rounds=5]\n"
              + name
              + " must name a CLI jar (./mvnw -pl checkpoint-cli -am package -DskipTests builds"
              + " it); it is: "
              + jar);
      System.exit(2);
    }
    return Path.of(jar).toAbsolutePath().toString();
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Running services, stopped in reverse order of their start. */
  private record Shop(List<ServiceProcess> services) implements AutoCloseable {
    ServiceProcess orders() {
      return services.get(services.size() - 1);
    }

    @Override
    public void close() throws Exception {
      for (int i = services.size() - 1; i >= 0; i--) {
        services.get(i).close();
      }
    }
  }

  private static void print(int entries, int rounds, Map<String, List<Measurement>> results) {
    List<Measurement> off = results.get("off");
    System.out.printf(
        Locale.ROOT,
        "%d entry requests (POST /orders), one client, %d alternated rounds; median (min..max);"
            + " ratios against off in the same round%n%n",
        entries,
        rounds);
    System.out.println(
        "| config | req/s | ratio | command s | read s | send s | compare s | CPU µs/req |"
            + " CPU ratio | KiB/req | outcome |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    results.forEach(
        (name, measurements) -> {
          List<Double> ratio = new ArrayList<>();
          List<Double> cpuRatio = new ArrayList<>();
          for (int i = 0; i < measurements.size(); i++) {
            ratio.add(measurements.get(i).requestsPerSecond / off.get(i).requestsPerSecond);
            cpuRatio.add(measurements.get(i).cpuMicrosPerRequest / off.get(i).cpuMicrosPerRequest);
          }
          System.out.printf(
              "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              name,
              Stats.spread(measurements.stream().map(m -> m.requestsPerSecond).toList()),
              Stats.spread(ratio),
              Stats.spread(measurements.stream().map(m -> m.commandSeconds).toList()),
              Stats.spread(measurements.stream().map(m -> m.readSeconds).toList()),
              Stats.spread(measurements.stream().map(m -> m.sendSeconds).toList()),
              Stats.spread(measurements.stream().map(m -> m.compareSeconds).toList()),
              Stats.spread(measurements.stream().map(m -> m.cpuMicrosPerRequest).toList()),
              Stats.spread(cpuRatio),
              Stats.spread(measurements.stream().map(m -> m.allocatedKibPerRequest).toList()),
              String.join(
                  "; ", measurements.stream().map(Measurement::outcome).distinct().toList()));
        });
  }
}
