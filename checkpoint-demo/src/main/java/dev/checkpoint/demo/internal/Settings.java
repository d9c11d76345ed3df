package dev.checkpoint.demo.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A service's settings: {@code --name value} (or {@code --name=value}) arguments first, then an
 * environment variable, then a default.
 */
public final class Settings {
  private final Map<String, String> arguments;
  private final Map<String, String> environment;

  private Settings(Map<String, String> arguments, Map<String, String> environment) {
    this.arguments = arguments;
    this.environment = environment;
  }

  /**
   * Reads the arguments.
   *
   * @param args {@code --name value} or {@code --name=value} pairs
   * @param environment the environment variables
   * @return the settings
   * @throws IllegalArgumentException for an argument that is not such a pair
   */
  public static Settings of(String[] args, Map<String, String> environment) {
    Map<String, String> arguments = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "Unexpected argument '" + arg + "': give settings as --name value.");
      }
      int equals = arg.indexOf('=');
      if (equals > 0) {
        arguments.put(arg.substring(2, equals), arg.substring(equals + 1));
      } else if (i + 1 < args.length) {
        arguments.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("The argument " + arg + " needs a value.");
      }
    }
    return new Settings(arguments, Map.copyOf(environment));
  }

  /**
   * A setting.
   *
   * @param option the argument name without {@code --}
   * @param variable the environment variable
   * @param defaultValue used when neither is given
   * @return the value
   */
  public String get(String option, String variable, String defaultValue) {
    String value = arguments.get(option);
    if (value == null) {
      value = environment.get(variable);
    }
    return value == null || value.isBlank() ? defaultValue : value.strip();
  }

  /**
   * A whole-number setting.
   *
   * @throws IllegalArgumentException when the value is not a whole number
   */
  public int getInt(String option, String variable, int defaultValue) {
    String value = get(option, variable, Integer.toString(defaultValue));
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + option + " (or " + variable + ") must be a whole number, but is '" + value + "'.",
          e);
    }
  }

  /** The HTTP port: {@code --port} or {@code PORT}. */
  public int port(int defaultPort) {
    return getInt("port", "PORT", defaultPort);
  }

  /**
   * Where the service keeps its SQLite file: {@code --data-dir} or {@code DEMO_DATA_DIR}, by
   * default {@code checkpoint-demo} in the temporary directory.
   */
  public Path dataDir() {
    return Path.of(
        get(
            "data-dir",
            "DEMO_DATA_DIR",
            Path.of(System.getProperty("java.io.tmpdir"), "checkpoint-demo").toString()));
  }

  /** The RabbitMQ URI: {@code --rabbitmq} or {@code DEMO_RABBITMQ_URI}. */
  public String rabbitMqUri() {
    return get("rabbitmq", "DEMO_RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:5672");
  }

  /** Where orders' price cache is: {@code --redis} or {@code DEMO_REDIS_URL}. */
  public String redisUrl() {
    return get("redis", "DEMO_REDIS_URL", "redis://127.0.0.1:6379");
  }

  /**
   * Where Kafka is, for shipping's {@code shipment.created} events and orders' consumer: {@code
   * --kafka} or {@code DEMO_KAFKA_BOOTSTRAP_SERVERS}.
   */
  public String kafkaBootstrapServers() {
    return get("kafka", "DEMO_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
  }
}
