package dev.checkpoint.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.cli.internal.scenario.ScenarioParser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenariosTest {

  private static final Path FILE = Path.of("scenarios/place-order.yaml");

  @Test
  void readsTheDocumentedExample() throws IOException {
    String markdown = Files.readString(Path.of("..", "docs", "scenarios.md"));
    Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    assertThat(block.find()).as("docs/scenarios.md has a yaml example").isTrue();

    Scenario scenario = ScenarioParser.parse(FILE, block.group(1));

    assertThat(scenario.name()).isEqualTo("place-order");
    Service orders = scenario.services().get(0);
    assertThat(orders.command())
        .containsExactly("/bin/sh", "-c", "java -jar orders.jar --server.port=8081");
    assertThat(orders.url()).isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(orders.readyUrl()).isEqualTo(URI.create("http://127.0.0.1:8081/health"));
    assertThat(orders.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(orders.env()).containsEntry("CHECKPOINT_MODE", "ON_DEMAND");
    assertThat(orders.workingDir())
        .isEqualTo(FILE.toAbsolutePath().getParent().resolve("../build").normalize());
    assertThat(scenario.services().get(1).isStarted()).isFalse();
    assertThat(scenario.steps()).hasSize(3);
    Step.Request request = (Step.Request) scenario.steps().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.url()).isEqualTo("${orders}/orders");
    assertThat(request.json().get("quantity").isNumber()).isTrue();
    assertThat(request.json().get("customer").asText()).isEqualTo("${customer}");
    assertThat(request.expectStatus()).isEqualTo(201);
    assertThat(request.capture()).containsEntry("order_id", "/id");
    Step.WaitForLog wait = (Step.WaitForLog) scenario.steps().get(1);
    assertThat(wait.timeout()).isEqualTo(Duration.ofSeconds(10));
    String beforePause = block.group(1).substring(0, block.group(1).indexOf("- pause"));
    int pauseLine = (int) beforePause.chars().filter(c -> c == '\n').count() + 1;
    assertThat(scenario.steps().get(2))
        .isEqualTo(new Step.Pause("step-03", pauseLine, Duration.ofMillis(500)));
    assertThat(scenario.noise().ignore()).containsExactly("**.requestId");
  }

  static List<Arguments> badScenarios() {
    String head = "name: s\nsteps:\n";
    return List.of(
        Arguments.of("", "scenarios/place-order.yaml: the file is empty"),
        Arguments.of("name: [unclosed", "scenarios/place-order.yaml:1:"),
        Arguments.of(
            "- a\n- b\n", ":1:1: the scenario must be a mapping of keys to values, but is a list."),
        Arguments.of("name: s\n", ":1:1: the scenario needs 'steps'"),
        Arguments.of("steps:\n  - pause: 1s\n", ":1:1: the scenario needs 'name'."),
        Arguments.of(
            "name: has space\nsteps:\n  - pause: 1s\n",
            ":1:7: the scenario name 'has space' is also its asset directory"),
        Arguments.of(
            "name: s\nstepz: []\nsteps:\n  - pause: 1s\n",
            ":2:1: unknown key 'stepz' in the scenario. Did you mean 'steps'?"),
        Arguments.of(
            head + "  - request: {urll: http://x}\n",
            ":3:15: unknown key 'urll' in the request of step 'step-01'. Did you mean 'url'? Allowed keys: method, url, headers, json, body, expect, capture."),
        Arguments.of(
            head + "  - request: {method: GET}\n",
            ":3:14: the request of step 'step-01' needs 'url'."),
        Arguments.of(
            head + "  - request: {url: ftp://x}\n",
            "must be an http(s) URL or start with a service variable"),
        Arguments.of(
            head + "  - request: {url: 'http://x', method: FETCH}\n",
            "'method' of the request of step 'step-01' must be one of"),
        Arguments.of(
            head + "  - request: {url: 'http://x', expect: {status: nine}}\n",
            "'expect.status' of the request of step 'step-01' must be a whole number from 100 to 599, but is 'nine'."),
        Arguments.of(
            head + "  - request: {url: 'http://x', json: {a: 1}, body: b}\n",
            "has both 'json' and 'body'; keep one."),
        Arguments.of(
            head + "  - request: {url: 'http://x', capture: {id: id}}\n",
            "must be a JSON path such as $.id"),
        Arguments.of(
            head + "  - request: {url: '${orderz}/x'}\n", "${orderz} is not defined here."),
        Arguments.of(
            "name: s\nvariables: {order: 1}\nsteps:\n  - request: {url: 'http://x/${ordr}'}\n",
            "Did you mean ${order}?"),
        Arguments.of(
            head
                + "  - request: {url: 'http://x/${later}'}\n  - request: {url: 'http://x', capture: {later: $.id}}\n",
            "${later} is not defined here."),
        Arguments.of(
            head + "  - pause: soon\n",
            "'pause' of step 'step-01' must be a duration such as 500ms, 10s or 2m, but is 'soon'."),
        Arguments.of(
            head + "  - {}\n",
            "step 'step-01' must have exactly one of 'request', 'test', 'wait_for' or 'pause'."),
        Arguments.of(
            head + "  - {pause: 1s, request: {url: 'http://x'}}\n", "but has request and pause."),
        Arguments.of(head + "  - {pause: 1s, test: {command: x}}\n", "but has test and pause."),
        Arguments.of(
            head + "  - test: {comand: ./mvnw test}\n",
            ":3:12: unknown key 'comand' in the test of step 'step-01'. Did you mean 'command'?"
                + " Allowed keys: command, working_dir, env, timeout."),
        Arguments.of(
            head + "  - test: {timeout: 1m}\n",
            ":3:11: the test of step 'step-01' needs 'command', the test to run, such as command:"
                + " ./mvnw -q test -Dtest=CheckoutIT"),
        Arguments.of(
            head + "  - test: ./mvnw test\n",
            ":3:11: the test of step 'step-01' must be a mapping of keys to values, but is"),
        Arguments.of(
            head + "  - test: {command: []}\n",
            ":3:21: 'command' of the test of step 'step-01' must not be empty."),
        Arguments.of(
            head + "  - test: {command: x, timeout: forever}\n",
            "'timeout' of the test of step 'step-01' must be a duration such as 500ms, 10s or 2m,"
                + " but is 'forever'."),
        Arguments.of(
            head + "  - test: {command: x, env: [a]}\n",
            "'env' of the test of step 'step-01' must be a mapping of names to values, but is"),
        Arguments.of(
            head + "  - test: {command: x, env: {ORDERS: '${ordrs}'}}\n",
            "${ordrs} is not defined here."),
        Arguments.of(
            head + "  - {name: a, pause: 1s}\n  - {name: a, pause: 1s}\n",
            "step name 'a' is used twice"),
        Arguments.of(
            head + "  - {name: 'a b', pause: 1s}\n", "step name 'a b' is also its asset file name"),
        Arguments.of(
            head + "  - wait_for: {timeout: 1s}\n",
            "must have exactly one of 'log' or 'checkpoint'."),
        Arguments.of(
            head + "  - wait_for: {log: {service: ghost, pattern: x}}\n",
            "no service named 'ghost' in this scenario."),
        Arguments.of(
            head + "  - wait_for: {checkpoint: {kind: SOAP}}\n",
            "'kind' of 'wait_for' of step 'step-01' must be one of"),
        Arguments.of(
            "name: s\nservices:\n  - name: o\n    port: 99999\nsteps:\n  - pause: 1s\n",
            "'port' of service 'o' must be a whole number from 1 to 65535, but is '99999'."),
        Arguments.of(
            "name: s\nservices:\n  - name: o\nsteps:\n  - pause: 1s\n",
            "service 'o' needs either 'command' (the runner starts it) or 'url'"),
        Arguments.of(
            "name: s\nservices:\n  - name: o\n    command: run\nsteps:\n  - pause: 1s\n",
            "give its 'port' or 'url' for the steps."),
        Arguments.of(
            "name: s\nservices:\n  - name: o\n    command: run\n    port: 80\nsteps:\n  - pause: 1s\n",
            "add 'ready' with 'http' (a health URL) or 'log'"),
        Arguments.of(
            "name: s\nservices:\n  - name: o\n    url: http://x\n    ready: {log: '[unclosed'}\nsteps:\n  - pause: 1s\n",
            "'ready.log' of service 'o' is not a valid regular expression"),
        Arguments.of(
            "name: s\nservices:\n  - {name: o, url: 'http://x'}\n  - {name: o, url: 'http://y'}\nsteps:\n  - pause: 1s\n",
            "a broker, service or variable named 'o' exists already."),
        Arguments.of(
            "name: s\nbrokers:\n  - {name: mq}\nsteps:\n  - pause: 1s\n",
            ":3:5: broker 'mq' needs 'amqp', where RabbitMQ (or another AMQP 0-9-1 broker) is"
                + " expected, such as amqp: amqp://guest:guest@127.0.0.1:5672."),
        Arguments.of(
            "name: s\nbrokers:\n  - {name: mq, amqp: 'http://x'}\nsteps:\n  - pause: 1s\n",
            "'amqp' of broker 'mq' must be an AMQP URI such as amqp://guest:guest@127.0.0.1:5672,"
                + " but is 'http://x'."),
        Arguments.of(
            "name: s\nbrokers:\n  - {name: mq, amqp: 'amqp://x', amqpenv: X}\nsteps:\n  - pause: 1s\n",
            "unknown key 'amqpenv' in a broker. Did you mean 'amqp_env'?"),
        Arguments.of(
            "name: s\nbrokers:\n  - {name: o, amqp: 'amqp://x'}\nservices:\n  - {name: o, url: 'http://y'}\nsteps:\n  - pause: 1s\n",
            "a broker, service or variable named 'o' exists already."),
        Arguments.of(
            "name: s\nservices:\n  - {name: o, url: 'http://x', env: {MQ: '${mq}'}}\nsteps:\n  - pause: 1s\n",
            "${mq} is not defined here."),
        Arguments.of(
            "name: s\nservices:\n  - {name: o, url: 'http://x', env: {P: '${p}'}}\n  - {name: p, url: 'http://y:1'}\nsteps:\n  - pause: 1s\n",
            "${p} is not defined here."),
        Arguments.of(
            "name: s\nservices:\n  - {name: o, url: 'http://x', env: {P: '${o.port}'}}\nsteps:\n  - pause: 1s\n",
            "${o.port} is not defined here."),
        Arguments.of(
            "name: s\nservices: {name: o}\nsteps:\n  - pause: 1s\n",
            "'services' must be a list (lines starting with '- '), but is a mapping."),
        Arguments.of(
            "name: s\nnoise: {ignor: []}\nsteps:\n  - pause: 1s\n",
            "unknown key 'ignor' in 'noise'. Did you mean 'ignore'?"),
        Arguments.of(
            "name: s\nname: t\nsteps:\n  - pause: 1s\n",
            "'name' appears twice in the scenario; keep one."),
        // What SnakeYAML refuses without a MarkedYAMLException, found by ScenarioParserFuzzTest.
        Arguments.of(
            "name: s\nsteps:\n  - pause: 1s\u0000\n",
            "scenarios/place-order.yaml:3:14: not valid YAML: the character U+0000 is not allowed"
                + " in a YAML file; remove it, or write it as the escape \\u0000 inside a"
                + " double-quoted string."),
        Arguments.of(
            head
                + "  - request: {url: 'http://x', json: "
                + "[".repeat(60)
                + "]".repeat(60)
                + "}\n",
            "scenarios/place-order.yaml: not valid YAML: Nesting Depth exceeded max 50. A scenario"
                + " stays within SnakeYAML's limits"),
        Arguments.of(
            head
                + "  - request:\n      url: http://x\n      json:\n        a: &a [1]\n        b: ["
                + "*a, ".repeat(51)
                + "]\n",
            "scenarios/place-order.yaml: not valid YAML: Number of aliases for non-scalar nodes"
                + " exceeds the specified max=50."),
        // Each found by ScenarioParserFuzzTest as a StackOverflowError.
        Arguments.of(
            head + "  - request: {url: 'http://x', json: &j [1, *j]}\n",
            ":3:38: this list or mapping contains an alias (*name) to itself"),
        Arguments.of(
            head + "  - request: {url: 'http://x', json: &j {a: {b: *j}}}\n",
            ":3:38: this list or mapping contains an alias (*name) to itself"),
        Arguments.of(
            head + "  - request: {url: 'http://x', json: " + doublingAnchors(20) + "}\n",
            ":3:38: this JSON value expands to more than 100000 values through its aliases"),
        // Found by ScenarioParserFuzzTest as a NumberFormatException.
        Arguments.of(
            head + "  - pause: 99999999999999999999s\n",
            ":3:12: 'pause' of step 'step-01' is too long: '99999999999999999999s'"),
        Arguments.of(
            head + "  - pause: 9223372036854775807m\n",
            ":3:12: 'pause' of step 'step-01' is too long: '9223372036854775807m'"));
  }

  /**
   * A mapping of lists a, b, c, ..., each of two aliases to the one before: the last repeats its
   * first value 2^count times, with 2 * (count - 1) aliases.
   */
  private static String doublingAnchors(int count) {
    StringBuilder yaml = new StringBuilder("{a: &a [1, 1]");
    for (int i = 1; i < count; i++) {
      String name = Character.toString('a' + i);
      String before = Character.toString('a' + i - 1);
      yaml.append(", ").append(name).append(": &").append(name);
      yaml.append(" [*").append(before).append(", *").append(before).append("]");
    }
    return yaml.append("}").toString();
  }

  @Test
  void brokersAndEarlierServicesAndTheServicesOwnPortAreVariablesOfItsEnvironment() {
    Scenario scenario =
        ScenarioParser.parse(
            FILE,
            """
            name: shop
            brokers:
              - {name: rabbitmq, amqp: 'amqp://guest:guest@127.0.0.1:5672', amqp_env: SHOP_MQ}
            services:
              - name: shipping
                command: run shipping
                port: 17083
                env: {PORT: "${shipping.port}", MQ: "${rabbitmq}"}
                ready: {http: /health}
              - name: orders
                command: run orders
                port: 17081
                env: {PORT: "${orders.port}", SHIPPING: "${shipping}", AT: "${shipping.port}"}
                ready: {http: "http://127.0.0.1:17081/ready"}
            steps:
              - request: {url: "${orders}/orders?mq=${rabbitmq}&port=${orders.port}"}
            """);

    assertThat(scenario.brokers())
        .containsExactly(
            new Broker("rabbitmq", URI.create("amqp://guest:guest@127.0.0.1:5672"), "SHOP_MQ"));
    Service shipping = scenario.services().get(0);
    assertThat(shipping.env())
        .containsEntry("PORT", "${shipping.port}")
        .containsEntry("MQ", "${rabbitmq}");
    assertThat(shipping.readyUrl()).isEqualTo(URI.create("/health"));
    assertThat(shipping.readyAt()).isEqualTo(URI.create("http://127.0.0.1:17083/health"));
    Service moved = scenario.services().get(1).onPort(40001);
    assertThat(moved.url()).isEqualTo(URI.create("http://127.0.0.1:40001"));
    assertThat(moved.readyAt()).isEqualTo(URI.create("http://127.0.0.1:40001/ready"));
    assertThat(shipping.onPort(40002).readyAt())
        .isEqualTo(URI.create("http://127.0.0.1:40002/health"));
  }

  @Test
  void aBrokersAddressComesFromItsEnvironmentVariableWhenThatIsSet() {
    Broker broker = new Broker("mq", URI.create("amqp://guest:guest@127.0.0.1:5672"), "SHOP_MQ");

    assertThat(broker.amqp(Map.of())).isEqualTo(URI.create("amqp://guest:guest@127.0.0.1:5672"));
    assertThat(broker.amqp(Map.of("SHOP_MQ", " amqp://u:p@mq.internal:5673 ")))
        .isEqualTo(URI.create("amqp://u:p@mq.internal:5673"));
    assertThat(broker.at(URI.create("amqp://127.0.0.1:1")).amqp(Map.of("SHOP_MQ", "amqp://x")))
        .as("an address given by hand wins over the environment")
        .isEqualTo(URI.create("amqp://127.0.0.1:1"));
    for (String bad : List.of("amqp://a b", "http://mq:80", "amqp:///vhost")) {
      assertThatThrownBy(() -> broker.amqp(Map.of("SHOP_MQ", bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "SHOP_MQ (for broker 'mq') must be an AMQP URI such as"
                  + " amqp://guest:guest@127.0.0.1:5672, but is '"
                  + bad
                  + "'.");
    }
  }

  @ParameterizedTest
  @MethodSource("badScenarios")
  void badScenariosFailWithFileLineAndFix(String yaml, String expected) {
    assertThatThrownBy(() -> ScenarioParser.parse(FILE, yaml))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining(expected)
        .hasMessageStartingWith("scenarios/place-order.yaml:");
  }

  @Test
  void everyProblemInAFileIsReportedAtOnce() {
    ScenarioException error =
        (ScenarioException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    ScenarioParser.parse(
                        FILE,
                        "name: s\nsteps:\n  - pause: soon\n  - request: {urll: x}\n  - wait_for: {}\n"));
    assertThat(error.problems()).hasSize(4);
    assertThat(error.problems().get(0)).startsWith("scenarios/place-order.yaml:3:12:");
  }

  @Test
  void readsTheDocumentedTestStepExample() throws IOException {
    String markdown = Files.readString(Path.of("..", "docs", "scenarios.md"));
    String section = markdown.substring(markdown.indexOf("## JUnit tests as scenarios"));
    Matcher block = Pattern.compile("   ```yaml\\n(.*?)   ```", Pattern.DOTALL).matcher(section);
    assertThat(block.find()).as("the section has a yaml example").isTrue();

    Scenario scenario = ScenarioParser.parse(FILE, block.group(1).replaceAll("(?m)^   ", ""));

    Step.Test test = (Step.Test) scenario.steps().get(0);
    assertThat(test.name()).isEqualTo("checkout-it");
    assertThat(test.command().get(2)).startsWith("./mvnw -q -o test -Dtest=CheckoutIT");
    assertThat(test.env()).containsEntry("ORDERS_URL", "${orders}");
    assertThat(test.timeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aTestStepRunsItsCommandInItsWorkingDirectoryWithTheGivenEnvironment() {
    Scenario scenario =
        ScenarioParser.parse(
            FILE,
            """
            name: checkout
            services:
              - {name: orders, url: 'http://127.0.0.1:8081'}
            steps:
              - name: checkout-it
                test:
                  command: ./mvnw -q test -Dtest=CheckoutIT
                  working_dir: ..
                  env: {ORDERS_URL: '${orders}'}
                  timeout: 2m
              - name: listed
                test:
                  command: [java, -cp, app.jar, Main]
            """);

    assertThat(scenario.steps())
        .containsExactly(
            new Step.Test(
                "checkout-it",
                5,
                List.of("/bin/sh", "-c", "./mvnw -q test -Dtest=CheckoutIT"),
                FILE.toAbsolutePath().getParent().resolve("..").normalize(),
                Map.of("ORDERS_URL", "${orders}"),
                Duration.ofMinutes(2)),
            new Step.Test(
                "listed",
                11,
                List.of("java", "-cp", "app.jar", "Main"),
                FILE.toAbsolutePath().getParent(),
                Map.of(),
                Duration.ofMinutes(10)));
  }

  @Test
  void missingFileSaysSo() {
    assertThatThrownBy(() -> Scenarios.read(Path.of("does/not/exist.yaml")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("does/not/exist.yaml: cannot be read");
  }

  @Test
  void theJsonSchemaAllowsExactlyTheKeysTheParserAllows() throws IOException {
    JsonNode schema =
        new ObjectMapper().readTree(Path.of("..", "docs", "scenario.schema.json").toFile());
    Map<String, JsonNode> objects = new java.util.HashMap<>();
    objects.put("scenario", schema);
    schema.get("$defs").properties().forEach(e -> objects.put(e.getKey(), e.getValue()));
    List<String> mismatches = new ArrayList<>();
    ScenarioParser.KEYS.forEach(
        (name, keys) -> {
          JsonNode definition = objects.get(name);
          TreeSet<String> schemaKeys = new TreeSet<>();
          if (definition != null) {
            definition.get("properties").properties().forEach(e -> schemaKeys.add(e.getKey()));
          }
          if (!schemaKeys.equals(new TreeSet<>(keys))) {
            mismatches.add(name + ": schema " + schemaKeys + " vs parser " + new TreeSet<>(keys));
          }
          if (definition != null) {
            assertThat(definition.path("additionalProperties").asBoolean(true))
                .as(name + " rejects unknown keys")
                .isFalse();
          }
        });
    assertThat(mismatches).isEmpty();
  }
}
