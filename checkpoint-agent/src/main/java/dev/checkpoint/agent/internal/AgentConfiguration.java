package dev.checkpoint.agent.internal;

import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.ConfigurationException;
import dev.checkpoint.core.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's configuration: the library's settings ({@link Setting}: system properties, then
 * environment variables), then a properties file with the same system-property names, then a
 * service name found from the application rather than {@code unknown-service}.
 */
final class AgentConfiguration {

  /** The system property the agent sets, so that the library can leave recording to it. */
  static final String AGENT_PROPERTY = "checkpoint.agent";

  /** Names the properties file; also {@code -javaagent:checkpoint-agent.jar=config=<file>}. */
  static final String CONFIG_PROPERTY = "checkpoint.config";

  static final String CONFIG_VARIABLE = "CHECKPOINT_CONFIG";

  private static final String ARGUMENT_PREFIX = "config=";

  private AgentConfiguration() {}

  static CheckpointConfig read(String arguments) {
    Map<String, String> environment = System.getenv();
    Map<String, String> properties = new HashMap<>();
    Path file = configFile(arguments, environment);
    if (file != null) {
      properties.putAll(load(file));
    }
    System.getProperties().forEach((k, v) -> properties.put(k.toString(), v.toString()));
    // The file's values come after the environment's, which the configuration reads after
    // properties: a file value stays only where no environment variable is set.
    for (Setting setting : Setting.values()) {
      if (environment.containsKey(setting.environmentVariable())
          && !System.getProperties().containsKey(setting.systemProperty())) {
        properties.remove(setting.systemProperty());
      }
    }
    if (!properties.containsKey(Setting.SERVICE_NAME.systemProperty())
        && !environment.containsKey(Setting.SERVICE_NAME.environmentVariable())) {
      properties.put(Setting.SERVICE_NAME.systemProperty(), ServiceNames.fromApplication());
    }
    return CheckpointConfig.fromSources(properties, environment);
  }

  private static Path configFile(String arguments, Map<String, String> environment) {
    if (arguments != null && !arguments.isBlank()) {
      if (!arguments.startsWith(ARGUMENT_PREFIX)) {
        throw new ConfigurationException(
            "-javaagent:checkpoint-agent.jar="
                + arguments
                + " is not understood. The only agent argument is config=<properties file>;"
                + " settings go in CHECKPOINT_* environment variables or checkpoint.* system"
                + " properties.");
      }
      return Path.of(arguments.substring(ARGUMENT_PREFIX.length()));
    }
    String named = System.getProperty(CONFIG_PROPERTY, environment.get(CONFIG_VARIABLE));
    return named == null || named.isBlank() ? null : Path.of(named);
  }

  private static Map<String, String> load(Path file) {
    Properties loaded = new Properties();
    try (InputStream in = Files.newInputStream(file);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      loaded.load(reader);
    } catch (IOException e) {
      throw new ConfigurationException(
          "The configuration file "
              + file.toAbsolutePath()
              + " could not be read ("
              + e
              + "). Fix the path in "
              + CONFIG_PROPERTY
              + " / "
              + CONFIG_VARIABLE
              + " / config=, or remove it.");
    }
    Map<String, String> values = new HashMap<>();
    loaded.forEach((k, v) -> values.put(k.toString().trim(), v.toString().trim()));
    return values;
  }
}
