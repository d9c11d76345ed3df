package dev.checkpoint.junit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.AssetLayout;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.junit.CheckpointReplay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Where the asset of a {@link CheckpointReplay} test is: {@code <scenario>/<step>.json} in the
 * assets directory when the file is there, else on the class path under {@code checkpoints/}.
 */
public final class ReplayAssets {

  private ReplayAssets() {}

  /**
   * The {@code @CheckpointReplay} in effect for a test method: the method's own, else its class's
   * or an enclosing class's.
   */
  static Optional<CheckpointReplay> config(Method method, Class<?> testClass) {
    return AnnotationSupport.findAnnotation(method, CheckpointReplay.class)
        .or(() -> onClass(testClass));
  }

  private static Optional<CheckpointReplay> onClass(Class<?> type) {
    for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
      Optional<CheckpointReplay> found =
          AnnotationSupport.findAnnotation(current, CheckpointReplay.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The assets directory of the running tests, for messages of code that runs outside a JUnit
   * callback.
   *
   * @return the directory
   */
  public static Path currentAssetsDir() {
    return ReplaySettings.currentAssetsDir();
  }

  /** The asset's name relative to the assets root, such as {@code pricing/quote.json}. */
  static String name(CheckpointReplay config, Class<?> testClass, Method method) {
    String scenario = config.scenario().isEmpty() ? testClass.getSimpleName() : config.scenario();
    String step = config.step().isEmpty() ? method.getName() : config.step();
    return AssetLayout.at(Path.of("")).path(scenario, step).toString().replace('\\', '/');
  }

  /** The asset, from the assets directory if the file is there, else from the class path. */
  static Optional<Asset> read(Path assetsDir, String name, ClassLoader loader) {
    Path file = assetsDir.resolve(name);
    try {
      if (Files.isRegularFile(file)) {
        return Optional.of(AssetFormat.read(file));
      }
      InputStream in = loader.getResourceAsStream("checkpoints/" + name);
      return in == null
          ? Optional.empty()
          : Optional.of(AssetFormat.read(in, "checkpoints/" + name));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the asset " + file, e);
    }
  }

  /**
   * The database a test class's recorded SQL ran against, as the JDBC instrumentation named it: the
   * first SQL checkpoint with a {@code db.product.name} in the assets its test methods replay.
   *
   * @param testClass a test class with {@code @CheckpointReplay}
   * @return the database; empty when none of its assets names one
   */
  public static Optional<RecordedDatabase> database(Class<?> testClass) {
    Path assetsDir = ReplaySettings.currentAssetsDir();
    for (String name : names(testClass)) {
      Optional<Asset> asset = read(assetsDir, name, testClass.getClassLoader());
      if (asset.isPresent()) {
        for (CheckpointNode node : asset.get().flatten()) {
          JsonNode attributes = node.fields().path("attributes");
          if (node.kind().equals(Kind.SQL.name())
              && attributes.path("db.product.name").isTextual()) {
            return Optional.of(
                new RecordedDatabase(
                    attributes.path("db.product.name").textValue(),
                    attributes.path("db.product.version").asText(""),
                    name));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The assets a test class replays that are not there.
   *
   * @param testClass a test class with {@code @CheckpointReplay}
   * @return their names, in the order of {@link #names}
   */
  public static List<String> missing(Class<?> testClass) {
    Path assetsDir = ReplaySettings.currentAssetsDir();
    return names(testClass).stream()
        .filter(name -> read(assetsDir, name, testClass.getClassLoader()).isEmpty())
        .toList();
  }

  /** The names of the assets a test class's test methods replay. */
  public static List<String> names(Class<?> testClass) {
    Set<String> names = new LinkedHashSet<>();
    List<Method> methods =
        ReflectionSupport.findMethods(
            testClass,
            method -> !ModifierSupport.isStatic(method) && isTest(method),
            HierarchyTraversalMode.TOP_DOWN);
    for (Method method : methods) {
      config(method, testClass).ifPresent(config -> names.add(name(config, testClass, method)));
    }
    return new ArrayList<>(names);
  }

  private static boolean isTest(Method method) {
    return AnnotationSupport.isAnnotated(method, org.junit.jupiter.api.Test.class)
        || AnnotationSupport.isAnnotated(method, org.junit.jupiter.api.TestTemplate.class);
  }

  /**
   * A database named by recorded SQL checkpoints.
   *
   * @param productName as the driver names it, such as {@code H2} or {@code PostgreSQL}
   * @param version major.minor, such as {@code 2.4}; empty when not recorded
   * @param asset the asset that named it
   */
  public record RecordedDatabase(String productName, String version, String asset) {

    /** The major version, or empty. */
    public Optional<String> majorVersion() {
      return version.isEmpty() ? Optional.empty() : Optional.of(version.split("\\.")[0]);
    }

    /** The minor version, or empty. */
    public Optional<String> minorVersion() {
      String[] parts = version.split("\\.");
      return parts.length > 1 ? Optional.of(parts[1]) : Optional.empty();
    }
  }
}
