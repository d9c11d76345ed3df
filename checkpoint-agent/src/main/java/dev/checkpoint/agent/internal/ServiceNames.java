package dev.checkpoint.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * A service name from the application itself, for when none is configured: {@code
 * spring.application.name} (a system property, {@code SPRING_APPLICATION_NAME}, or the {@code
 * application.properties} on the class path), else the jar or the main class the JVM runs.
 */
final class ServiceNames {

  private static final String SPRING_NAME = "spring.application.name";

  /** When the JVM does not say what it runs (an embedding launcher); better than no name. */
  static final String FALLBACK = "java-application";

  private ServiceNames() {}

  static String fromApplication() {
    String spring = System.getProperty(SPRING_NAME, System.getenv("SPRING_APPLICATION_NAME"));
    if (isPresent(spring)) {
      return spring.trim();
    }
    spring = fromApplicationProperties();
    if (isPresent(spring)) {
      return spring.trim();
    }
    return fromCommand(System.getProperty("sun.java.command"));
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

  private static String fromApplicationProperties() {
    try (InputStream in =
        ClassLoader.getSystemClassLoader().getResourceAsStream("application.properties")) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty(SPRING_NAME);
    } catch (IOException | IllegalArgumentException e) {
      // Not readable as properties: the name comes from the command instead.
      return null;
    }
  }

  private static boolean isPresent(String value) {
    return value != null && !value.isBlank();
  }
}
