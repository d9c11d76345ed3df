package dev.checkpoint.agent.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A service name from the application itself, for when none is configured: {@code
 * spring.application.name} (a system property, {@code SPRING_APPLICATION_NAME}, or the {@code
 * application.properties}, {@code application.yml} or {@code application.yaml} on the class path,
 * or in a Spring Boot jar's {@code BOOT-INF/classes/}), else the jar or the main class the JVM
 * runs.
 */
final class ServiceNames {

  private static final String SPRING_NAME = "spring.application.name";

  /**
   * Where Spring Boot looks first (the class path's root), and where a Spring Boot jar keeps the
   * application's classes: the JVM's class loader sees the jar's root only.
   */
  private static final List<String> LOCATIONS = List.of("", "BOOT-INF/classes/");

  /** When the JVM does not say what it runs (an embedding launcher); better than no name. */
  static final String FALLBACK = "java-application";

  private ServiceNames() {}

  static String fromApplication() {
    return fromApplication(
        System.getProperties(),
        System.getenv(),
        ClassLoader.getSystemClassLoader(),
        System.getProperty("sun.java.command"));
  }

  /**
   * The name, in Spring Boot's order: a system property, the environment, then the files ({@code
   * .properties} before {@code .yml} in the same place), else the command.
   */
  static String fromApplication(
      Properties system, Map<String, String> environment, ClassLoader loader, String command) {
    String spring = system.getProperty(SPRING_NAME, environment.get("SPRING_APPLICATION_NAME"));
    if (isPresent(spring)) {
      return spring.trim();
    }
    for (String location : LOCATIONS) {
      for (String file : List.of("application.properties", "application.yml", "application.yaml")) {
        spring = fromFile(loader, location + file);
        if (isPresent(spring) && !spring.contains("${")) {
          return spring.trim();
        }
      }
    }
    return fromCommand(command);
  }

  /** The jar's file name without {@code .jar}, or the main class's simple name. */
  static String fromCommand(String command) {
    if (!isPresent(command)) {
      return FALLBACK;
    }
    String main = command.trim().split("\\s+", 2)[0];
    if (main.endsWith(".jar")) {
      String file = main.substring(Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1);
      return file.substring(0, file.length() - ".jar".length());
    }
    // A module's main class comes as module/class.
    String type = main.substring(main.lastIndexOf('/') + 1);
    String simple = type.substring(type.lastIndexOf('.') + 1);
    return simple.isEmpty() ? FALLBACK : simple;
  }

  private static String fromFile(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      if (resource.endsWith(".properties")) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty(SPRING_NAME);
      }
      return fromYaml(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      // Not readable: the name comes from the next file or the command instead.
      return null;
    }
  }

  /**
   * {@code spring.application.name} in a YAML file's first document, nested ({@code spring:} /
   * {@code application:} / {@code name:}), flat ({@code spring.application.name:}) or in between.
   * Keys are followed by indentation, as Spring Boot's YAML loader nests them; lists, flow
   * collections and block scalars are not read, and the later documents of the file (profiles,
   * usually) neither.
   */
  static String fromYaml(BufferedReader yaml) throws IOException {
    Deque<Key> keys = new ArrayDeque<>();
    boolean content = false;
    for (String line = yaml.readLine(); line != null; line = yaml.readLine()) {
      String text = withoutComment(line);
      if (text.isBlank()) {
        continue;
      }
      if (text.startsWith("---") || text.startsWith("...")) {
        if (content) {
          return null;
        }
        continue;
      }
      content = true;
      int indent = text.length() - text.stripLeading().length();
      int colon = text.indexOf(':');
      if (colon < 0 || text.stripLeading().startsWith("-")) {
        continue;
      }
      while (!keys.isEmpty() && keys.peek().indent() >= indent) {
        keys.pop();
      }
      String key = unquoted(text.substring(indent, colon).trim());
      String value = text.substring(colon + 1).trim();
      StringBuilder path = new StringBuilder();
      keys.descendingIterator().forEachRemaining(k -> path.append(k.name()).append('.'));
      path.append(key);
      if (value.isEmpty()) {
        keys.push(new Key(indent, key));
      } else if (path.toString().equals(SPRING_NAME)) {
        return unquoted(value);
      }
    }
    return null;
  }

  private record Key(int indent, String name) {}

  /** The line without a comment: {@code #} at its start or after a space, outside quotes. */
  private static String withoutComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if ((c == '"' || c == '\'')
          && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        // A quoted scalar; an apostrophe inside a word is no quote.
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i).stripTrailing();
      }
    }
    return line.stripTrailing();
  }

  private static String unquoted(String value) {
    if (value.length() >= 2
        && (value.charAt(0) == '"' || value.charAt(0) == '\'')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static boolean isPresent(String value) {
    return value != null && !value.isBlank();
  }
}
