package dev.checkpoint.server.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.checkpoint.server.ServerConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The server's settings by name, from a properties or YAML file and {@code CHECKPOINT_*}
 * environment variables. The table of names, defaults and meanings is in the module's README and in
 * {@code checkpoint server --help}.
 */
public final class Settings {
  private static final String ENV_PREFIX = "CHECKPOINT_";
  private static final Map<String, BiConsumer<ServerConfig.Builder, String>> KEYS = keys();

  private Settings() {}

  private static Map<String, BiConsumer<ServerConfig.Builder, String>> keys() {
    Map<String, BiConsumer<ServerConfig.Builder, String>> keys = new LinkedHashMap<>();
    keys.put("port", (b, v) -> b.port(Integer.parseInt(v)));
    keys.put("host", ServerConfig.Builder::host);
    keys.put("db.url", ServerConfig.Builder::dbUrl);
    keys.put("db.user", ServerConfig.Builder::dbUser);
    keys.put("db.password", ServerConfig.Builder::dbPassword);
    keys.put("db.schema", ServerConfig.Builder::dbSchema);
    keys.put("db.pool-size", (b, v) -> b.dbPoolSize(Integer.parseInt(v)));
    keys.put("db.sqlite-synchronous", (b, v) -> b.sqliteSynchronous(v.toUpperCase(Locale.ROOT)));
    keys.put("auth.ingest-tokens", (b, v) -> b.ingestTokens(list(v)));
    keys.put("http.allowed-hosts", (b, v) -> b.allowedHosts(list(v)));
    keys.put("auth.read-tokens", (b, v) -> b.readTokens(list(v)));
    keys.put("limits.max-body-bytes", (b, v) -> b.maxBodyBytes(Long.parseLong(v)));
    keys.put("limits.max-decompressed-bytes", (b, v) -> b.maxDecompressedBytes(Long.parseLong(v)));
    keys.put("limits.max-tree-depth", (b, v) -> b.maxTreeDepth(Integer.parseInt(v)));
    keys.put("limits.max-tree-checkpoints", (b, v) -> b.maxTreeCheckpoints(Integer.parseInt(v)));
    keys.put("limits.max-tree-bytes", (b, v) -> b.maxTreeBytes(Long.parseLong(v)));
    keys.put(
        "limits.ingest-rate-per-second", (b, v) -> b.ingestRatePerSecond(Double.parseDouble(v)));
    keys.put("retention.days", (b, v) -> b.retentionDays(Integer.parseInt(v)));
    keys.put(
        "shutdown.timeout-seconds",
        (b, v) -> b.shutdownTimeout(Duration.ofSeconds(Long.parseLong(v))));
    return keys;
  }

  private static Set<String> list(String value) {
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }

  /** Reads a {@code .yaml}/{@code .yml} file as YAML, anything else as properties. */
  public static Map<String, String> fromFile(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Map<String, String> settings = new TreeMap<>();
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      if (root != null && !root.isMissingNode() && !root.isNull()) {
        flatten("", root, settings);
      }
    } else {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      }
      properties.forEach((k, v) -> settings.put(k.toString(), v.toString()));
    }
    return settings;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> settings) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        flatten(prefix + field.getKey() + ".", field.getValue(), settings);
      }
    } else if (node.isArray()) {
      settings.put(
          prefix.substring(0, prefix.length() - 1),
          node.valueStream().map(JsonNode::asText).collect(Collectors.joining(",")));
    } else if (!node.isNull()) {
      settings.put(prefix.substring(0, prefix.length() - 1), node.asText());
    }
  }

  /**
   * Settings from {@code CHECKPOINT_DB_URL}-style variables: the name upper-cased, . and - as _.
   */
  public static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> settings = new TreeMap<>();
    for (String key : KEYS.keySet()) {
      String variable = environmentVariable(key);
      String value = environment.get(variable);
      if (value != null) {
        settings.put(key, value);
      }
    }
    return settings;
  }

  public static String environmentVariable(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Applies settings to a builder.
   *
   * @throws IllegalArgumentException naming the setting that is unknown or has a bad value
   */
  public static ServerConfig.Builder apply(
      ServerConfig.Builder builder, Map<String, String> settings) {
    settings.forEach(
        (key, value) -> {
          BiConsumer<ServerConfig.Builder, String> setter = KEYS.get(key);
          if (setter == null) {
            throw new IllegalArgumentException(
                "Unknown setting '"
                    + key
                    + "'. Known settings: "
                    + String.join(", ", KEYS.keySet()));
          }
          try {
            setter.accept(builder, value.trim());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "Bad value '" + value + "' for setting " + key + ": " + e.getMessage(), e);
          }
        });
    return builder;
  }
}
