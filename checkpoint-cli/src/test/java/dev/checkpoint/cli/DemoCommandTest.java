package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code checkpoint demo} end to end: the embedded server, the demo shop's three services as
 * processes, RabbitMQ, and a temporary copy of the committed assets (which a test never rewrites).
 */
class DemoCommandTest {
  private static final Path SCENARIOS = Path.of("../checkpoint-demo/scenarios");
  private static final Path COMMITTED =
      Path.of("../checkpoint-demo/src/test/resources/checkpoints");

  @TempDir Path dir;

  @BeforeAll
  static void rabbitMq() throws Exception {
    RequiredService.connect(
            "RabbitMQ at 127.0.0.1:5672",
            "Start it with: rabbitmq-server -detached (or scripts/services.sh).",
            () -> {
              Socket socket = new Socket();
              socket.connect(new InetSocketAddress("127.0.0.1", 5672), 2_000);
              return socket;
            })
        .close();
  }

  @Test
  void matchesTheCommittedAssetsThenDriftsAtTheFeeAndUpdateRewritesOnlyThatAsset()
      throws IOException {
    Path assets = copy(COMMITTED, dir.resolve("assets"));
    Map<Path, String> before = contents(assets);
    assertThat(before).hasSizeGreaterThanOrEqualTo(5);

    Result clean = demoKeptRunningUntilItsRunPageAnswers(assets);

    assertThat(clean.code).as(clean.all()).isZero();
    assertThat(clean.out)
        .contains("Demo: no drift.", "unchanged shop/place-order", "unchanged shop/declined-card")
        .containsPattern("web UI      http://127\\.0\\.0\\.1:\\d+/ui/runs/shop-\\d{8}-")
        .containsPattern("API         http://127\\.0\\.0\\.1:\\d+/api/v1/runs/shop-")
        .containsPattern("recorded    5 trees, \\d+ checkpoints")
        .contains("asset       " + assets.resolve("shop/place-order.json"))
        .contains("The checkpoint server keeps running at ");
    assertThat(contents(assets)).isEqualTo(before);

    Result drift = demo(assets, "--payments-fee-cents", "25");

    assertThat(drift.code).as(drift.all()).isEqualTo(1);
    assertThat(drift.out)
        .contains("drift     shop/place-order", "unchanged shop/declined-card", "Demo: drift.")
        .contains(
            "~ changed  orders/HTTP_SERVER/POST /orders#0 > orders/HTTP_CLIENT/POST"
                + " 127.0.0.1:17082/payments#0 > payments/HTTP_SERVER/POST /payments#0 >"
                + " payments/SQL/INSERT payments#0")
        .contains("~ /input/parameters/4: 9000 -> 9025");
    assertThat(drift.out.lines().filter(line -> line.contains("~ changed"))).hasSize(1);
    assertThat(drift.out.lines().filter(line -> line.strip().startsWith("~ /"))).hasSize(1);
    assertThat(contents(assets)).isEqualTo(before);

    Result update = demo(assets, "--payments-fee-cents", "25", "--update");

    assertThat(update.code).as(update.all()).isEqualTo(1);
    Map<Path, String> after = contents(assets);
    Path placeOrder = assets.resolve("shop/place-order.json");
    assertThat(after.keySet()).isEqualTo(before.keySet());
    assertThat(after.get(placeOrder)).isNotEqualTo(before.get(placeOrder)).contains("9025");
    after.remove(placeOrder);
    before.remove(placeOrder);
    assertThat(after).as("every other asset is byte for byte the same").isEqualTo(before);
  }

  /**
   * Runs the demo with {@code --keep-running}; once it says so, checks that its web UI shows the
   * run and its API has the trees, then stops it.
   */
  private Result demoKeptRunningUntilItsRunPageAnswers(Path assets) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    DemoCommand demo = new DemoCommand(classPath());
    CommandLine command = new CommandLine(demo);
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(() -> command.execute(arguments(assets, "--keep-running")));
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> code.isDone() || out.toString().contains("keeps running at"));
      assertThat(code).as(out + "" + err).isNotDone();
      Matcher ui = Pattern.compile("web UI      (http://\\S+)").matcher(out.toString());
      Matcher api = Pattern.compile("API         (http://\\S+)").matcher(out.toString());
      assertThat(ui.find() && api.find()).as(out.toString()).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(ui.group(1))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("POST /orders", "shipping");
      HttpResponse<String> run =
          http.send(
              HttpRequest.newBuilder(URI.create(api.group(1))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(run.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(run.body()).at("/trees/items")).hasSize(5);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      demo.stop();
    }
    return new Result(code.join(), out.toString(), err.toString());
  }

  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private String[] arguments(Path assets, String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--scenarios",
            SCENARIOS.toString(),
            "--assets",
            assets.toString(),
            "--data-dir",
            dir.resolve("data").toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private Result demo(Path assets, String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new DemoCommand(classPath()));
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int code = command.execute(arguments(assets, more));
    return new Result(code, out.toString(), err.toString());
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }

  private static Map<Path, String> contents(Path root) throws IOException {
    Map<Path, String> contents = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        contents.put(file, Files.readString(file));
      }
    }
    return contents;
  }

  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }
}
