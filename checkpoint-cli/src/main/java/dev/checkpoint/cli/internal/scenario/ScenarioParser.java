package dev.checkpoint.cli.internal.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import dev.checkpoint.cli.scenario.Broker;
import dev.checkpoint.cli.scenario.Noise;
import dev.checkpoint.cli.scenario.Scenario;
import dev.checkpoint.cli.scenario.ScenarioException;
import dev.checkpoint.cli.scenario.Service;
import dev.checkpoint.cli.scenario.Step;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a scenario YAML file into a {@link Scenario}, checking everything that can be checked
 * before any service starts: keys, types, URLs, patterns, durations, and that every {@code
 * ${variable}} is defined by the time it is used.
 */
public final class ScenarioParser {

  /** Keys of each object; docs/scenario.schema.json lists the same, a test keeps them equal. */
  public static final Map<String, List<String>> KEYS =
      Map.ofEntries(
          Map.entry(
              "scenario",
              List.of("name", "description", "brokers", "services", "variables", "steps", "noise")),
          Map.entry("broker", List.of("name", "amqp", "amqp_env")),
          Map.entry(
              "service",
              List.of("name", "command", "working_dir", "env", "port", "url", "ready", "logs")),
          Map.entry("ready", List.of("http", "log", "timeout")),
          Map.entry("step", List.of("name", "request", "test", "wait_for", "pause")),
          Map.entry("test", List.of("command", "working_dir", "env", "timeout")),
          Map.entry(
              "request", List.of("method", "url", "headers", "json", "body", "expect", "capture")),
          Map.entry("expect", List.of("status")),
          Map.entry("wait_for", List.of("log", "checkpoint", "timeout")),
          Map.entry("wait_for.log", List.of("service", "pattern")),
          Map.entry("wait_for.checkpoint", List.of("service", "kind", "name")),
          Map.entry("noise", List.of("ignore", "normalise")));

  /** What {@code ${<service>.port}} ends with. */
  public static final String PORT_SUFFIX = ".port";

  /** Variables every scenario has. */
  public static final Set<String> BUILT_IN_VARIABLES = Set.of("run_id");

  static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
  static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofMinutes(10);

  private static final String HTTP_URL = "an http(s) URL such as http://127.0.0.1:8080/health";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern JSON_PATH = Pattern.compile("\\$((\\.[A-Za-z0-9_-]+)|(\\[\\d+]))*");
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private final Path file;
  private final YamlReader reader;
  private final Set<String> defined = new LinkedHashSet<>(BUILT_IN_VARIABLES);

  private ScenarioParser(Path file) {
    this.file = file;
    this.reader = new YamlReader(file);
  }

  /**
   * Parses a scenario.
   *
   * @param file the file name used in messages and to resolve relative paths
   * @param yaml the file's text
   * @return the scenario
   * @throws ScenarioException listing every problem found
   */
  public static Scenario parse(Path file, String yaml) {
    return new ScenarioParser(file).parse(yaml);
  }

  private Scenario parse(String yaml) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      throw new ScenarioException(
          List.of(
              file
                  + ":"
                  + (e.getProblemMark().getLine() + 1)
                  + ":"
                  + (e.getProblemMark().getColumn() + 1)
                  + ": not valid YAML: "
                  + e.getProblem()));
    } catch (ReaderException e) {
      throw new ScenarioException(
          List.of(
              file
                  + ":"
                  + position(yaml, e.getPosition())
                  + String.format(
                      ": not valid YAML: the character U+%04X is not allowed in a YAML file;"
                          + " remove it, or write it as the escape \\u%04X inside a double-quoted"
                          + " string.",
                      e.getCodePoint(), e.getCodePoint())));
    } catch (YAMLException e) {
      // SnakeYAML's limits, which it reports without a position.
      throw new ScenarioException(
          List.of(
              file
                  + ": not valid YAML: "
                  + e.getMessage()
                  + ". A scenario stays within SnakeYAML's limits: lists and mappings nested"
                  + " fewer than 50 deep, at most 50 aliases (*name) to them, 3 million"
                  + " characters."));
    }
    if (root == null) {
      throw new ScenarioException(
          List.of(file + ": the file is empty; a scenario needs at least 'name' and 'steps'."));
    }
    Map<String, Node> top = reader.mapping(root, "the scenario", KEYS.get("scenario"));
    if (top == null) {
      throw new ScenarioException(reader.problems());
    }
    String name = reader.requiredString(top, "name", root, "the scenario");
    if (name != null && !NAME.matcher(name).matches()) {
      reader.problem(
          top.get("name"),
          "the scenario name '"
              + name
              + "' is also its asset directory: use letters, digits, '.', '_' and '-' only.");
    }
    String description = reader.optionalString(top, "description", "the scenario");
    Map<String, String> variables =
        top.containsKey("variables")
            ? reader.stringMap(top.get("variables"), "'variables'")
            : Map.of();
    defined.addAll(variables.keySet());
    List<Broker> brokers = brokers(top.get("brokers"));
    List<Service> services = services(top.get("services"));
    List<Step> steps = steps(top.get("steps"), root);
    Noise noise = top.containsKey("noise") ? noise(top.get("noise")) : Noise.NONE;
    if (!reader.problems().isEmpty()) {
      throw new ScenarioException(reader.problems());
    }
    return new Scenario(
        file,
        name,
        description == null ? "" : description,
        brokers,
        services,
        variables,
        steps,
        noise);
  }

  /** The line and column, from 1, of a position in code points, as SnakeYAML counts them. */
  private static String position(String yaml, int codePoints) {
    int line = 1;
    int column = 1;
    int at = 0;
    for (int i = 0; i < codePoints && at < yaml.length(); i++) {
      int c = yaml.codePointAt(at);
      at += Character.charCount(c);
      boolean lineBreak =
          c == '\n' || (c == '\r' && (at >= yaml.length() || yaml.charAt(at) != '\n'));
      line += lineBreak ? 1 : 0;
      column = lineBreak ? 1 : column + 1;
    }
    return line + ":" + column;
  }

  private List<Broker> brokers(Node node) {
    if (node == null) {
      return List.of();
    }
    List<Broker> brokers = new ArrayList<>();
    for (Node item : reader.sequence(node, "'brokers'")) {
      Map<String, Node> entries = reader.mapping(item, "a broker", KEYS.get("broker"));
      if (entries == null) {
        continue;
      }
      String name = reader.requiredString(entries, "name", item, "a broker");
      String what = "broker '" + name + "'";
      URI amqp = null;
      if (entries.containsKey("amqp")) {
        amqp = amqpUri(entries.get("amqp"), "'amqp' of " + what);
      } else {
        reader.problem(
            item,
            what
                + " needs 'amqp', where RabbitMQ (or another AMQP 0-9-1 broker) is expected, such"
                + " as amqp: amqp://guest:guest@127.0.0.1:5672.");
      }
      String amqpEnv = reader.optionalString(entries, "amqp_env", what);
      if (name == null || amqp == null) {
        continue;
      }
      if (!defined.add(name)) {
        reader.problem(item, "a broker, service or variable named '" + name + "' exists already.");
      }
      brokers.add(new Broker(name, amqp, amqpEnv));
    }
    return brokers;
  }

  private URI amqpUri(Node node, String what) {
    return absolute(
        node,
        reader.string(node, what),
        what,
        "amqp",
        "an AMQP URI such as amqp://guest:guest@127.0.0.1:5672");
  }

  private List<Service> services(Node node) {
    if (node == null) {
      return List.of();
    }
    List<Service> services = new ArrayList<>();
    for (Node item : reader.sequence(node, "'services'")) {
      Service service = service(item);
      if (service != null) {
        services.add(service);
      }
    }
    return services;
  }

  private Service service(Node node) {
    Map<String, Node> entries = reader.mapping(node, "a service", KEYS.get("service"));
    if (entries == null) {
      return null;
    }
    String name = reader.requiredString(entries, "name", node, "a service");
    String what = "service '" + name + "'";
    List<String> command =
        entries.containsKey("command") ? command(entries.get("command"), what) : List.of();
    Integer port =
        entries.containsKey("port")
            ? reader.integer(entries.get("port"), "'port' of " + what, 1, 65535)
            : null;
    URI url = entries.containsKey("url") ? url(entries.get("url"), "'url' of " + what) : null;
    if (url == null && port != null) {
      url = URI.create("http://127.0.0.1:" + port);
    }
    URI readyUrl = null;
    Pattern readyLog = null;
    Duration readyTimeout = DEFAULT_READY_TIMEOUT;
    if (entries.containsKey("ready")) {
      Map<String, Node> ready =
          reader.mapping(entries.get("ready"), "'ready' of " + what, KEYS.get("ready"));
      if (ready != null) {
        readyUrl =
            ready.containsKey("http")
                ? urlOrPath(ready.get("http"), "'ready.http' of " + what)
                : null;
        readyLog =
            ready.containsKey("log") ? pattern(ready.get("log"), "'ready.log' of " + what) : null;
        if (ready.containsKey("timeout")) {
          Duration timeout = reader.duration(ready.get("timeout"), "'ready.timeout' of " + what);
          readyTimeout = timeout == null ? readyTimeout : timeout;
        }
      }
    }
    if (name == null) {
      return null;
    }
    // The service's own address is known before it starts, so its env may pass it on.
    if (!defined.add(name)) {
      reader.problem(node, "a broker, service or variable named '" + name + "' exists already.");
    }
    if (url != null && url.getPort() >= 0) {
      defined.add(name + PORT_SUFFIX);
    }
    Map<String, String> env =
        entries.containsKey("env")
            ? reader.stringMap(entries.get("env"), "'env' of " + what)
            : Map.of();
    env.values().forEach(value -> checkVariables(entries.get("env"), value));
    if (command.isEmpty() && url == null) {
      reader.problem(
          node,
          what
              + " needs either 'command' (the runner starts it) or 'url' (it is already"
              + " running), such as url: http://127.0.0.1:8080.");
    }
    if (!command.isEmpty() && url == null) {
      reader.problem(
          node, what + " is started by the runner, so give its 'port' or 'url' for the steps.");
    }
    if (!command.isEmpty() && readyUrl == null && readyLog == null) {
      reader.problem(
          node,
          what
              + " is started by the runner: add 'ready' with 'http' (a health URL) or 'log' (a"
              + " line pattern) so the runner knows when to send requests.");
    }
    Path workingDir =
        entries.containsKey("working_dir")
            ? resolve(reader.string(entries.get("working_dir"), "'working_dir' of " + what))
            : resolve(".");
    String logs = reader.optionalString(entries, "logs", what);
    return new Service(
        name,
        command,
        workingDir,
        env,
        url,
        readyUrl,
        readyLog,
        readyTimeout,
        logs == null ? null : resolve(logs));
  }

  /** A string runs through the shell, so pipes and quotes work as typed; a list runs as is. */
  private List<String> command(Node node, String what) {
    if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
      String line = reader.string(node, "'command' of " + what);
      return line == null ? List.of() : List.of("/bin/sh", "-c", line);
    }
    List<String> command = reader.strings(node, "'command' of " + what);
    if (command.isEmpty()) {
      reader.problem(node, "'command' of " + what + " must not be empty.");
    }
    return command;
  }

  private List<Step> steps(Node node, Node root) {
    if (node == null) {
      reader.problem(root, "the scenario needs 'steps': a list of requests, waits and pauses.");
      return List.of();
    }
    List<Node> items = reader.sequence(node, "'steps'");
    if (items.isEmpty() && node instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
      reader.problem(node, "'steps' is empty; add at least one request.");
    }
    List<Step> steps = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Step step = step(items.get(i), i + 1);
      if (step != null) {
        if (!names.add(step.name())) {
          reader.problem(
              items.get(i),
              "step name '"
                  + step.name()
                  + "' is used twice; each step writes its own asset file.");
        }
        steps.add(step);
      }
    }
    return steps;
  }

  private Step step(Node node, int index) {
    Map<String, Node> entries = reader.mapping(node, "step " + index, KEYS.get("step"));
    if (entries == null) {
      return null;
    }
    String name = reader.optionalString(entries, "name", "step " + index);
    if (name == null) {
      name = String.format(Locale.ROOT, "step-%02d", index);
    } else if (!NAME.matcher(name).matches()) {
      reader.problem(
          entries.get("name"),
          "step name '"
              + name
              + "' is also its asset file name: use letters, digits, '.', '_' and '-' only.");
    }
    List<String> actions =
        List.of("request", "test", "wait_for", "pause").stream()
            .filter(entries::containsKey)
            .toList();
    if (actions.size() != 1) {
      reader.problem(
          node,
          "step '"
              + name
              + "' must have exactly one of 'request', 'test', 'wait_for' or 'pause'"
              + (actions.isEmpty() ? "." : ", but has " + String.join(" and ", actions) + "."));
      return null;
    }
    int line = YamlReader.line(node);
    return switch (actions.get(0)) {
      case "request" -> request(name, line, entries.get("request"));
      case "test" -> test(name, line, entries.get("test"));
      case "wait_for" -> waitFor(name, line, entries.get("wait_for"));
      default -> {
        Duration duration = reader.duration(entries.get("pause"), "'pause' of step '" + name + "'");
        yield duration == null ? null : new Step.Pause(name, line, duration);
      }
    };
  }

  private Step request(String name, int line, Node node) {
    String what = "the request of step '" + name + "'";
    Map<String, Node> entries = reader.mapping(node, what, KEYS.get("request"));
    if (entries == null) {
      return null;
    }
    String method = reader.optionalString(entries, "method", what);
    method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      reader.problem(
          entries.get("method"), "'method' of " + what + " must be one of " + METHODS + ".");
    }
    String url = reader.requiredString(entries, "url", node, what);
    if (url != null) {
      checkVariables(entries.get("url"), url);
      String substitutedForCheck = VARIABLE.matcher(url).replaceAll("x");
      if (!url.startsWith("${") && !substitutedForCheck.matches("https?://.+")) {
        reader.problem(
            entries.get("url"),
            "'url' of "
                + what
                + " must be an http(s) URL or start with a service variable such as"
                + " ${orders}/path, but is '"
                + url
                + "'.");
      }
    }
    Map<String, String> headers =
        entries.containsKey("headers")
            ? reader.stringMap(entries.get("headers"), "'headers' of " + what)
            : Map.of();
    headers.values().forEach(value -> checkVariables(entries.get("headers"), value));
    if (entries.containsKey("json") && entries.containsKey("body")) {
      reader.problem(node, what + " has both 'json' and 'body'; keep one.");
    }
    JsonNode json = entries.containsKey("json") ? reader.json(entries.get("json")) : null;
    if (json != null) {
      checkVariables(entries.get("json"), json.toString());
    }
    String body = reader.optionalString(entries, "body", what);
    if (body != null) {
      checkVariables(entries.get("body"), body);
    }
    Integer status = null;
    if (entries.containsKey("expect")) {
      Map<String, Node> expect =
          reader.mapping(entries.get("expect"), "'expect' of " + what, KEYS.get("expect"));
      if (expect != null && expect.containsKey("status")) {
        status = reader.integer(expect.get("status"), "'expect.status' of " + what, 100, 599);
      }
    }
    Map<String, String> capture = new LinkedHashMap<>();
    if (entries.containsKey("capture")) {
      Map<String, String> paths = reader.stringMap(entries.get("capture"), "'capture' of " + what);
      paths.forEach(
          (variable, path) -> {
            if (!JSON_PATH.matcher(path).matches()) {
              reader.problem(
                  entries.get("capture"),
                  "capture '"
                      + variable
                      + "' of "
                      + what
                      + " must be a JSON path such as $.id or $.items[0].sku, but is '"
                      + path
                      + "'.");
            } else {
              capture.put(variable, toPointer(path));
            }
          });
    }
    defined.addAll(capture.keySet());
    return new Step.Request(name, line, method, url, headers, json, body, status, capture);
  }

  private Step test(String name, int line, Node node) {
    String what = "the test of step '" + name + "'";
    Map<String, Node> entries = reader.mapping(node, what, KEYS.get("test"));
    if (entries == null) {
      return null;
    }
    List<String> command = List.of();
    if (entries.containsKey("command")) {
      command = command(entries.get("command"), what);
    } else {
      reader.problem(
          node,
          what
              + " needs 'command', the test to run, such as command: ./mvnw -q test"
              + " -Dtest=CheckoutIT");
    }
    Path workingDir =
        entries.containsKey("working_dir")
            ? resolve(reader.string(entries.get("working_dir"), "'working_dir' of " + what))
            : resolve(".");
    Map<String, String> env =
        entries.containsKey("env")
            ? reader.stringMap(entries.get("env"), "'env' of " + what)
            : Map.of();
    env.values().forEach(value -> checkVariables(entries.get("env"), value));
    Duration timeout = DEFAULT_TEST_TIMEOUT;
    if (entries.containsKey("timeout")) {
      Duration parsed = reader.duration(entries.get("timeout"), "'timeout' of " + what);
      timeout = parsed == null ? timeout : parsed;
    }
    return command.isEmpty() ? null : new Step.Test(name, line, command, workingDir, env, timeout);
  }

  private Step waitFor(String name, int line, Node node) {
    String what = "'wait_for' of step '" + name + "'";
    Map<String, Node> entries = reader.mapping(node, what, KEYS.get("wait_for"));
    if (entries == null) {
      return null;
    }
    Duration timeout = DEFAULT_WAIT_TIMEOUT;
    if (entries.containsKey("timeout")) {
      Duration parsed = reader.duration(entries.get("timeout"), "'timeout' of " + what);
      timeout = parsed == null ? timeout : parsed;
    }
    if (entries.containsKey("log") == entries.containsKey("checkpoint")) {
      reader.problem(node, what + " must have exactly one of 'log' or 'checkpoint'.");
      return null;
    }
    if (entries.containsKey("log")) {
      Map<String, Node> log =
          reader.mapping(entries.get("log"), "'log' of " + what, KEYS.get("wait_for.log"));
      if (log == null) {
        return null;
      }
      String service =
          reader.requiredString(log, "service", entries.get("log"), "'log' of " + what);
      String pattern =
          reader.requiredString(log, "pattern", entries.get("log"), "'log' of " + what);
      if (service != null && !defined.contains(service)) {
        reader.problem(log.get("service"), "no service named '" + service + "' in this scenario.");
      }
      if (pattern != null) {
        checkVariables(log.get("pattern"), pattern);
        pattern(log.get("pattern"), "'pattern' of " + what);
      }
      return new Step.WaitForLog(name, line, service, pattern, timeout);
    }
    Map<String, Node> checkpoint =
        reader.mapping(
            entries.get("checkpoint"), "'checkpoint' of " + what, KEYS.get("wait_for.checkpoint"));
    if (checkpoint == null) {
      return null;
    }
    String kind = reader.optionalString(checkpoint, "kind", what);
    if (kind != null && Kind.parse(kind).isEmpty()) {
      reader.problem(checkpoint.get("kind"), "'kind' of " + what + " must be " + Kind.RULE + ".");
    }
    return new Step.WaitForCheckpoint(
        name,
        line,
        reader.optionalString(checkpoint, "service", what),
        kind,
        reader.optionalString(checkpoint, "name", what),
        timeout);
  }

  private Noise noise(Node node) {
    Map<String, Node> entries = reader.mapping(node, "'noise'", KEYS.get("noise"));
    if (entries == null) {
      return Noise.NONE;
    }
    return new Noise(
        entries.containsKey("ignore")
            ? reader.strings(entries.get("ignore"), "'noise.ignore'")
            : List.of(),
        entries.containsKey("normalise")
            ? reader.strings(entries.get("normalise"), "'noise.normalise'")
            : List.of());
  }

  private void checkVariables(Node node, String text) {
    Matcher matcher = VARIABLE.matcher(text);
    while (matcher.find()) {
      String variable = matcher.group(1);
      if (!defined.contains(variable)) {
        String closest = YamlReader.closest(variable, defined);
        reader.problem(
            node,
            "${"
                + variable
                + "} is not defined here."
                + (closest == null ? "" : " Did you mean ${" + closest + "}?")
                + " Defined: "
                + String.join(", ", defined)
                + " (variables, brokers, service names and their .port, and captures of earlier"
                + " steps).");
      }
    }
  }

  private URI url(Node node, String what) {
    return absolute(node, reader.string(node, what), what, "http", HTTP_URL);
  }

  /** A URL, or a path such as {@code /health} on the service's base URL. */
  private URI urlOrPath(Node node, String what) {
    String text = reader.string(node, what);
    if (text == null || !text.strip().startsWith("/")) {
      return absolute(node, text, what, "http", HTTP_URL);
    }
    try {
      return new URI(text.strip());
    } catch (URISyntaxException e) {
      reader.problem(node, what + " is not a valid path: " + e.getReason() + ".");
      return null;
    }
  }

  /** A URI of {@code scheme} or its TLS form ({@code https}, {@code amqps}) with a host. */
  private URI absolute(Node node, String text, String what, String scheme, String expected) {
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text.strip());
      if ((scheme.equals(uri.getScheme()) || (scheme + "s").equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below with an example.
    }
    reader.problem(node, what + " must be " + expected + ", but is '" + text + "'.");
    return null;
  }

  private Pattern pattern(Node node, String what) {
    String text = reader.string(node, what);
    if (text == null) {
      return null;
    }
    try {
      return Pattern.compile(VARIABLE.matcher(text).find() ? Pattern.quote(text) : text);
    } catch (PatternSyntaxException e) {
      reader.problem(
          node, what + " is not a valid regular expression: " + e.getDescription() + ".");
      return null;
    }
  }

  private Path resolve(String path) {
    Path base = file.toAbsolutePath().getParent();
    return path == null ? base : base.resolve(path).normalize();
  }

  /** {@code $.items[0].sku} → {@code /items/0/sku}. */
  static String toPointer(String jsonPath) {
    return jsonPath
        .substring(1)
        .replaceAll("\\[(\\d+)]", ".$1")
        .replace("~", "~0")
        .replace("/", "~1")
        .replace('.', '/');
  }
}
