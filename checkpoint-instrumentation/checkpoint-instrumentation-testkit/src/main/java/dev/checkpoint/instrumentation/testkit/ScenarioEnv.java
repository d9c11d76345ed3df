package dev.checkpoint.instrumentation.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment variables added to every service of a scenario file, such as the demo's {@code
 * shop.yaml} started on a test's class path or with a changed fee.
 */
public final class ScenarioEnv {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A service's {@code env:} key, as scenario files indent it under {@code services:}. */
  private static final Pattern SERVICE_ENV = Pattern.compile("^    env:$", Pattern.MULTILINE);

  private ScenarioEnv() {}

  /**
   * The scenario with {@code env} added to the {@code env:} of each of its services, in name order.
   * Values are written as JSON strings, which YAML reads as they are (paths, class paths).
   *
   * @throws IllegalArgumentException when the scenario has no service with an {@code env:}
   */
  public static String addToEveryService(String yaml, Map<String, String> env) {
    StringBuilder lines = new StringBuilder("    env:");
    for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
      lines.append("\n      ").append(variable.getKey()).append(": ").append(quoted(variable));
    }
    Matcher services = SERVICE_ENV.matcher(yaml);
    if (!services.find()) {
      throw new IllegalArgumentException(
          "The scenario has no service with an env: of its own (indented four spaces), so the"
              + " variables have nowhere to go; give each service an env:.");
    }
    return services.replaceAll(Matcher.quoteReplacement(lines.toString()));
  }

  private static String quoted(Map.Entry<String, String> variable) {
    try {
      return JSON.writeValueAsString(variable.getValue());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
