package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.cli.RunCommandTest.Result;
import dev.checkpoint.cli.testing.TestShop;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario's {@code test} step end to end: a real JUnit test marked {@code @CheckpointScenario},
 * run in its own JVM through the Launcher API, sends a request to a service recording in ON_DEMAND
 * mode; the tree it causes becomes the step's asset.
 */
class TestStepTest {
  @TempDir static Path shared;
  static CheckpointServer server;
  static TestShop shop;

  @TempDir Path dir;

  @BeforeAll
  static void startServerAndShop() throws IOException {
    server =
        CheckpointServer.start(
            ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dbUrl("jdbc:sqlite:" + shared.resolve("checkpoint.db"))
                .build());
    shop = TestShop.start("http://127.0.0.1:" + server.port());
  }

  @AfterAll
  static void stop() {
    shop.close();
    server.close();
  }

  @Test
  void theTreeCausedByAJunitTestIsTheStepsAsset() throws IOException {
    Result result = run(junitStep("erin", "2m"));

    assertThat(result.code()).as(result.all()).isZero();
    assertThat(result.out())
        .contains("ok  checkout", "test passed")
        .contains("new       checkout/checkout")
        .contains("1 steps in 1 scenarios: 0 drifted, 1 new, 0 unchanged; 0 failed");
    assertThat(Files.readString(dir.resolve("assets/checkout/checkout.json")))
        .contains("POST /orders", "\"customer\": \"erin\"", "PEN-3", "PricingService.price")
        .contains("\"service\": \"shop\"");
  }

  @Test
  void aFailingTestFailsTheStepWithTheLastLinesOfItsOutput() throws IOException {
    Result result = run(junitStep("fail", "2m"));

    assertThat(result.code()).as(result.all()).isEqualTo(2);
    assertThat(result.out())
        .containsPattern(
            "ERROR  checkout: Step 'checkout' \\(line 6\\): the test '.*JunitMain"
                + " dev.checkpoint.cli.testing.CheckoutScenario' exited with code 1. The last lines"
                + " of its output \\(all of it in .*/logs/checkout/checkout.log\\):\n      \\| ")
        .contains("[the customer]");
    assertThat(Files.readString(dir.resolve("data/logs/checkout/checkout.log")))
        .contains("1 tests failed", "placesAnOrder");
    assertThat(dir.resolve("assets/checkout/checkout.json")).doesNotExist();
  }

  @Test
  void aTestThatRunsTooLongIsStopped() throws IOException {
    Result result =
        run(
            """
            name: slow
            steps:
              - name: slow
                test:
                  command: echo starting; sleep 30
                  timeout: 300ms
            """);

    assertThat(result.code()).as(result.all()).isEqualTo(2);
    assertThat(result.out())
        .contains(
            "ERROR  slow: Step 'slow' (line 3): the test 'echo starting; sleep 30' did not finish"
                + " within 300 ms and was stopped; give it a longer 'timeout'. The last lines of its"
                + " output (all of it in "
                + dir.resolve("data/logs/slow/slow.log")
                + "):\n      | starting");
  }

  @Test
  void aTestThatSendsNothingInTheRunSaysHowToMarkIt() throws IOException {
    Result result =
        run(
            """
            name: silent
            steps:
              - name: silent
                test:
                  command: [sh, -c, 'test "$CHECKPOINT_RUN_ID" = "$(echo "$BAGGAGE" | cut -d= -f2)"']
            """);

    assertThat(result.code()).as(result.all()).isEqualTo(2);
    assertThat(result.out())
        .contains("ok  silent")
        .contains("No checkpoint of silent (trace ")
        .contains("Does a test step's test send the run's headers (@CheckpointScenario)?");
  }

  private String junitStep(String customer, String timeout) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return """
        name: checkout
        services:
          - name: shop
            url: %s
        steps:
          - name: checkout
            test:
              command:
                - '%s'
                - -cp
                - '%s'
                - dev.checkpoint.cli.testing.JunitMain
                - dev.checkpoint.cli.testing.CheckoutScenario
              env: {SHOP: '${shop}', CUSTOMER: %s}
              timeout: %s
        """
        .formatted(shop.url(), java, classPath, customer, timeout);
  }

  private Result run(String yaml) throws IOException {
    Path scenario = Files.writeString(dir.resolve("scenario.yaml"), yaml);
    return RunCommandTest.execute(
        Map.of(),
        scenario.toString(),
        "--server",
        "http://127.0.0.1:" + server.port(),
        "--assets",
        dir.resolve("assets").toString(),
        "--data-dir",
        dir.resolve("data").toString(),
        "--repeat",
        "1",
        "--quiet-period",
        "300ms",
        "--ingest-timeout",
        "3s");
  }
}
