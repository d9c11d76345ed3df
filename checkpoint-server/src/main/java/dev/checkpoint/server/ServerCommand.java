package dev.checkpoint.server;

import dev.checkpoint.server.internal.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code checkpoint server}: runs a {@link CheckpointServer} until the process is stopped. Settings
 * come from, in increasing precedence: defaults, the {@code --config} file, {@code CHECKPOINT_*}
 * environment variables, and the options.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Runs the checkpoint server: ingestion and query API.",
    footer = {
      "",
      "Settings, in a --config file or as CHECKPOINT_* environment variables (the key",
      "upper-cased, . and - as _, e.g. CHECKPOINT_DB_URL), with their defaults:",
      "  port = 7070",
      "  host = 127.0.0.1 without tokens, else 0.0.0.0",
      "  http.allowed-hosts = loopback names on a loopback address, else any (Host header)",
      "  db.url = jdbc:sqlite:checkpoint-data/checkpoint.db",
      "  db.user, db.password = none",
      "  db.schema = the user's default schema (PostgreSQL)",
      "  db.pool-size = 8",
      "  db.sqlite-synchronous = NORMAL (FULL also survives a power loss)",
      "  auth.ingest-tokens, auth.read-tokens = none (comma-separated)",
      "  limits.max-body-bytes = 16777216",
      "  limits.max-decompressed-bytes = 67108864",
      "  limits.max-tree-depth = 256 (a batch's parent chains; trees read nested or as assets)",
      "  limits.max-tree-checkpoints = 20000 (checkpoints one read loads with payloads)",
      "  limits.max-tree-bytes = 33554432 (payload bytes one read loads)",
      "  limits.ingest-rate-per-second = 0 (unlimited; batches per token)",
      "  retention.days = 0 (keep all runs)",
      "  shutdown.timeout-seconds = 30"
    })
public final class ServerCommand implements Callable<Integer> {

  @Option(names = "--port", description = "HTTP port (default 7070; 0 picks a free one).")
  Integer port;

  @Option(names = "--host", description = "Address to bind.")
  String host;

  @Option(
      names = "--db-url",
      description = "JDBC URL: jdbc:sqlite:<file> or jdbc:postgresql://<host>/<database>.")
  String dbUrl;

  @Option(names = "--config", description = "Settings file: .properties, .yaml or .yml.")
  Path configFile;

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  /** A command that reads the process environment. */
  public ServerCommand() {
    this(System.getenv());
  }

  ServerCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The configuration these options, the file and the environment give. */
  public ServerConfig config() throws Exception {
    Map<String, String> settings = new TreeMap<>();
    if (configFile != null) {
      settings.putAll(Settings.fromFile(configFile));
    }
    settings.putAll(Settings.fromEnvironment(environment));
    if (port != null) {
      settings.put("port", port.toString());
    }
    if (host != null) {
      settings.put("host", host);
    }
    if (dbUrl != null) {
      settings.put("db.url", dbUrl);
    }
    return Settings.apply(ServerConfig.builder(), settings).build();
  }

  @Override
  public Integer call() throws Exception {
    ServerConfig serverConfig;
    try {
      serverConfig = config();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    CheckpointServer server;
    try {
      server = CheckpointServer.start(serverConfig);
    } catch (RuntimeException e) {
      spec.commandLine()
          .getErr()
          .println("Unable to start the checkpoint server: " + rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "checkpoint-server-shutdown"));
    stopped.await();
    return 0;
  }

  /** The innermost message, which names what failed (a port in use, a database refusing). */
  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      message.append(": ").append(cause.getMessage());
    }
    return message.toString();
  }

  /** Runs the server as its own process. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ServerCommand()).execute(args));
  }
}
