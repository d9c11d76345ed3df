package dev.checkpoint.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Overhead of recording on a real service: starts the service once per configuration (for example
 * without the library, with it and mode OFF, mode ON, and under the OpenTelemetry agent), drives
 * the same request with N clients, and reports per configuration throughput, p50/p99 latency, the
 * service's CPU time and bytes allocated per request (read over JMX from the service process, so
 * the load clients are not counted) and its start-up time. The configurations alternate within each
 * round, each round starting one configuration later than the one before; figures are the median
 * and range over the rounds, and each ratio is against the first configuration of the same round.
 *
 * <pre>
 * java -cp benchmarks.jar dev.checkpoint.benchmarks.ServiceOverheadHarness overhead.properties
 * </pre>
 *
 * <p>The properties file (the committed example is {@code overhead-payments.properties} in this
 * module's resources):
 *
 * <pre>
 * classpath=${DEMO_CLASSPATH}    # the service's class path
 * main=dev.checkpoint.demo.PaymentsService
 * request=POST /payments         # method and path, sent to http://127.0.0.1:{port}
 * body={"orderId":"o-1","amountCents":1299,"cardNumber":"4111111111111111"}
 * health=/health                 # GET answered 200 once the service is ready
 * ready-seconds=60               # how long to wait for that answer
 * config.1=plain | | DEMO_INSTRUMENTATION=none      # name | JVM options | environment
 * config.2=off | | CHECKPOINT_MODE=OFF
 * config.3=on | | CHECKPOINT_MODE=ON
 * config.4=otel | -javaagent:${OTEL_AGENT} | OTEL_TRACES_EXPORTER=none
 * rounds=5  clients=4  warmup-seconds=5  seconds=10
 * </pre>
 *
 * A configuration may end with a fourth part, its own class path instead of {@code classpath}, so
 * that two builds of the library alternate in the same rounds (<code>off-before | |
 * CHECKPOINT_MODE=OFF | ${BEFORE_CLASSPATH}</code>).
 *
 * <p>A value may name a system property or environment variable as <code>${NAME}</code> (the system
 * property first), so one file serves every checkout: the class path and the agent's location come
 * from the command line.
 *
 * <p>With {@code startup-only=true} each configuration is started in a fresh JVM without the JMX
 * agent and stopped at its first answer to {@code health}: the rounds then measure the time to that
 * answer and the CPU time the process spent until then (what the kernel counts for it, read from
 * the harness), nothing else. The committed example is {@code startup-shop.properties}.
 *
 * <p>The service is told its port by the environment variable {@code port-env} (default {@code
 * PORT}).
 */
public final class ServiceOverheadHarness {

  private ServiceOverheadHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ServiceOverheadHarness <overhead.properties> (see the class doc)");
      System.exit(2);
    }
    Settings settings = Settings.load(Path.of(args[0]));
    Map<String, List<Measurement>> results = new LinkedHashMap<>();
    int count = settings.configs.size();
    for (int round = 1; round <= settings.rounds; round++) {
      // Each round starts one configuration later: in a fixed order the last one always ran after
      // the others, with whatever the machine had drifted into by then.
      for (int i = 0; i < count; i++) {
        Config config = settings.configs.get((round - 1 + i) % count);
        Measurement measurement = measure(settings, config);
        System.err.printf(Locale.ROOT, "round %d %s: %s%n", round, config.name, measurement);
        results.computeIfAbsent(config.name, k -> new ArrayList<>()).add(measurement);
      }
    }
    print(settings, results);
  }

  /** One configuration; {@code classpath} is {@code null} for the file's {@code classpath}. */
  record Config(
      String name, List<String> jvmOptions, Map<String, String> environment, String classpath) {}

  record Measurement(
      double requestsPerSecond,
      double p50Millis,
      double p99Millis,
      double cpuMicrosPerRequest,
      double allocatedKibPerRequest,
      double startupMillis,
      double startupCpuMillis,
      long errors) {

    static Measurement startup(double startupMillis, double startupCpuMillis) {
      return new Measurement(
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          startupMillis,
          startupCpuMillis,
          0);
    }
  }

  private static Measurement measure(Settings settings, Config config) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try (ServiceProcess service =
        ServiceProcess.start(
            new ServiceProcess.Launch(
                config.name,
                config.jvmOptions,
                config.classpath == null ? settings.classpath : config.classpath,
                settings.main,
                config.environment,
                settings.portEnv,
                settings.health,
                Duration.ofSeconds(settings.readySeconds),
                !settings.startupOnly))) {
      if (settings.startupOnly) {
        return Measurement.startup(service.startupMillis(), service.startupCpuMillis());
      }
      URI uri = URI.create(service.url() + settings.path);
      drive(client, uri, settings, Duration.ofSeconds(settings.warmupSeconds));
      ServiceProcess.Usage before = service.usage();
      Load load = drive(client, uri, settings, Duration.ofSeconds(settings.seconds));
      ServiceProcess.Usage used = service.usage().minus(before);
      long requests = Math.max(1, load.latencies.size());
      return new Measurement(
          load.latencies.size() / load.seconds,
          Stats.percentileMillis(load.latencies, 0.50),
          Stats.percentileMillis(load.latencies, 0.99),
          used.cpuNanos() / 1e3 / requests,
          used.allocatedBytes() / 1024.0 / requests,
          service.startupMillis(),
          service.startupCpuMillis(),
          load.errors);
    }
  }

  record Load(List<Long> latencies, double seconds, long errors) {}

  private static Load drive(HttpClient client, URI uri, Settings settings, Duration duration)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(settings.clients);
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int c = 0; c < settings.clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                long[] own = new long[1 << 20];
                int n = 0;
                // The error count travels in the last slot: no shared counter in the loop.
                long errors = 0;
                while (System.nanoTime() < deadline && n < own.length - 1) {
                  long sent = System.nanoTime();
                  HttpResponse<Void> response =
                      client.send(settings.request(uri), HttpResponse.BodyHandlers.discarding());
                  if (response.statusCode() < 400) {
                    own[n++] = System.nanoTime() - sent;
                  } else {
                    errors++;
                  }
                }
                long[] result = Arrays.copyOf(own, n + 1);
                result[n] = errors;
                return result;
              }));
    }
    List<Long> all = new ArrayList<>();
    long errors = 0;
    for (Future<long[]> future : futures) {
      long[] own = future.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
      for (int i = 0; i < own.length - 1; i++) {
        all.add(own[i]);
      }
      errors += own[own.length - 1];
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    all.sort(null);
    return new Load(all, seconds, errors);
  }

  private static void print(Settings settings, Map<String, List<Measurement>> results) {
    List<Measurement> baseline = results.get(settings.configs.get(0).name);
    if (settings.startupOnly) {
      System.out.printf(
          Locale.ROOT,
          "start-up until the first 200 of %s, a fresh JVM each, %d rounds; median (min..max);"
              + " ratio against '%s' in the same round%n%n",
          settings.health,
          settings.rounds,
          settings.configs.get(0).name);
      System.out.println(
          "| config | start-up ms | ratio | start-up CPU ms | CPU ratio | added CPU ms |");
      System.out.println("|---|---|---|---|---|---|");
      results.forEach(
          (name, rounds) ->
              System.out.printf(
                  "| %s | %s | %s | %s | %s | %s |%n",
                  name,
                  column(rounds, Measurement::startupMillis),
                  ratio(rounds, baseline, Measurement::startupMillis),
                  column(rounds, Measurement::startupCpuMillis),
                  ratio(rounds, baseline, Measurement::startupCpuMillis),
                  difference(rounds, baseline, Measurement::startupCpuMillis)));
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "%s %s, %d clients, %d s measured after %d s warm-up, %d rounds;"
            + " median (min..max); ratio against '%s' in the same round%n%n",
        settings.method,
        settings.path,
        settings.clients,
        settings.seconds,
        settings.warmupSeconds,
        settings.rounds,
        settings.configs.get(0).name);
    System.out.println(
        "| config | req/s | ratio | p50 ms | p99 ms | CPU µs/req | CPU ratio | KiB/req |"
            + " KiB ratio | start-up ms | start-up CPU ms | errors |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    results.forEach(
        (name, rounds) ->
            System.out.printf(
                "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
                name,
                column(rounds, Measurement::requestsPerSecond),
                ratio(rounds, baseline, Measurement::requestsPerSecond),
                column(rounds, Measurement::p50Millis),
                column(rounds, Measurement::p99Millis),
                column(rounds, Measurement::cpuMicrosPerRequest),
                ratio(rounds, baseline, Measurement::cpuMicrosPerRequest),
                column(rounds, Measurement::allocatedKibPerRequest),
                ratio(rounds, baseline, Measurement::allocatedKibPerRequest),
                column(rounds, Measurement::startupMillis),
                column(rounds, Measurement::startupCpuMillis),
                rounds.stream().mapToLong(Measurement::errors).sum()));
  }

  private static String column(List<Measurement> rounds, ToDoubleFunction<Measurement> figure) {
    return Stats.spread(rounds.stream().map(figure::applyAsDouble).toList());
  }

  /** Each round's figure divided by the baseline's of the same round. */
  private static String ratio(
      List<Measurement> rounds, List<Measurement> baseline, ToDoubleFunction<Measurement> figure) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < rounds.size(); i++) {
      ratios.add(figure.applyAsDouble(rounds.get(i)) / figure.applyAsDouble(baseline.get(i)));
    }
    return Stats.spread(ratios);
  }

  /** Each round's figure less the baseline's of the same round. */
  private static String difference(
      List<Measurement> rounds, List<Measurement> baseline, ToDoubleFunction<Measurement> figure) {
    List<Double> differences = new ArrayList<>();
    for (int i = 0; i < rounds.size(); i++) {
      differences.add(figure.applyAsDouble(rounds.get(i)) - figure.applyAsDouble(baseline.get(i)));
    }
    return Stats.spread(differences);
  }

  private static final class Settings {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    String classpath;
    String main;
    String method;
    String path;
    String body;
    String health;
    String portEnv;
    final List<Config> configs = new ArrayList<>();
    int rounds;
    int clients;
    int warmupSeconds;
    int seconds;
    boolean startupOnly;
    int readySeconds;

    static Settings load(Path file) throws IOException {
      Properties properties = new Properties();
      try (var reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      }
      for (String key : properties.stringPropertyNames()) {
        properties.setProperty(key, expand(properties.getProperty(key), key, file));
      }
      Settings settings = new Settings();
      settings.classpath = required(properties, "classpath", file);
      settings.main = required(properties, "main", file);
      String[] request = required(properties, "request", file).trim().split("\\s+", 2);
      if (request.length != 2 || !request[1].startsWith("/")) {
        throw new IllegalArgumentException(
            file + ": request must be '<METHOD> /path', e.g. 'POST /payments'");
      }
      settings.method = request[0];
      settings.path = request[1];
      settings.body = properties.getProperty("body", "");
      settings.health = properties.getProperty("health", "/health");
      settings.portEnv = properties.getProperty("port-env", "PORT");
      settings.rounds = Integer.parseInt(properties.getProperty("rounds", "5"));
      settings.clients = Integer.parseInt(properties.getProperty("clients", "4"));
      settings.warmupSeconds = Integer.parseInt(properties.getProperty("warmup-seconds", "5"));
      settings.seconds = Integer.parseInt(properties.getProperty("seconds", "10"));
      settings.startupOnly = Boolean.parseBoolean(properties.getProperty("startup-only", "false"));
      settings.readySeconds = Integer.parseInt(properties.getProperty("ready-seconds", "60"));
      for (int i = 1; properties.containsKey("config." + i); i++) {
        settings.configs.add(config(properties.getProperty("config." + i), file, i));
      }
      if (settings.configs.isEmpty()) {
        throw new IllegalArgumentException(
            file + ": no configurations; add config.1=<name> | <JVM options> | <ENV=value ...>");
      }
      return settings;
    }

    /** Replaces each <code>${NAME}</code> by the system property or environment variable. */
    private static String expand(String value, String key, Path file) {
      Matcher matcher = VARIABLE.matcher(value);
      StringBuilder expanded = new StringBuilder();
      while (matcher.find()) {
        String name = matcher.group(1);
        String replacement = System.getProperty(name, System.getenv(name));
        if (replacement == null) {
          throw new IllegalArgumentException(
              file
                  + ": '"
                  + key
                  + "' uses ${"
                  + name
                  + "}, which is neither a system property nor an environment variable; set"
                  + " it, e.g. -D"
                  + name
                  + "=...");
        }
        matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
      }
      matcher.appendTail(expanded);
      return expanded.toString();
    }

    private static Config config(String line, Path file, int index) {
      String[] parts = line.split("\\|", -1);
      if (parts.length < 3 || parts.length > 4 || parts[0].isBlank()) {
        throw new IllegalArgumentException(
            file
                + ": config."
                + index
                + " must be '<name> | <JVM options> | <ENV=value ...>' (empty parts allowed),"
                + " optionally followed by '| <class path>', got: "
                + line);
      }
      Map<String, String> environment = new LinkedHashMap<>();
      for (String assignment : words(parts[2])) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              file
                  + ": config."
                  + index
                  + ": environment entries are NAME=value, got "
                  + assignment);
        }
        environment.put(assignment.substring(0, eq), assignment.substring(eq + 1));
      }
      String classpath = parts.length == 4 && !parts[3].isBlank() ? parts[3].trim() : null;
      return new Config(parts[0].trim(), words(parts[1]), environment, classpath);
    }

    private static List<String> words(String text) {
      return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private static String required(Properties properties, String key, Path file) {
      String value = properties.getProperty(key);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(file + ": '" + key + "' is required");
      }
      return value;
    }

    HttpRequest request(URI uri) {
      HttpRequest.BodyPublisher publisher =
          body.isEmpty()
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body);
      return HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .method(method, publisher)
          .build();
    }
  }
}
