package dev.checkpoint.junit.internal;

import dev.checkpoint.junit.RecordMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The settings of replay and recording, from JUnit configuration parameters (which include system
 * properties) and the environment:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code CI} (environment)</td><td>unset</td><td>{@code true}: replay only, never write
 *       assets</td></tr>
 *   <tr><td>{@code checkpoint.ci}</td><td>the {@code CI} variable</td><td>overrides it</td></tr>
 *   <tr><td>{@code checkpoint.update}</td><td>{@code false}</td><td>{@code true}: mode ALL, rewrite
 *       assets</td></tr>
 *   <tr><td>{@code checkpoint.record}</td><td>the annotation's</td><td>{@code none}, {@code once}
 *       or {@code all}</td></tr>
 *   <tr><td>{@code checkpoint.assets.dir}</td><td>{@code src/test/resources/checkpoints}</td>
 *       <td>where assets are written, and read first</td></tr>
 * </table>
 *
 * @param ci whether this is a CI build
 * @param update whether update mode was asked for
 * @param record the record mode asked for, if any
 * @param assetsDir the assets directory
 */
record ReplaySettings(boolean ci, boolean update, Optional<RecordMode> record, Path assetsDir) {

  static final String CI = "checkpoint.ci";
  static final String UPDATE = "checkpoint.update";
  static final String RECORD = "checkpoint.record";
  static final String ASSETS_DIR = "checkpoint.assets.dir";

  /*
   * The settings of the last test engine run that replayed, for a Spring context loading outside
   * any JUnit callback; only the assets directory is read from it.
   */
  private static volatile ReplaySettings lastKnown;

  static ReplaySettings from(ExtensionContext context) {
    ReplaySettings settings = from(context::getConfigurationParameter);
    lastKnown = settings;
    return settings;
  }

  /**
   * The assets directory of the running tests: as the last {@code @CheckpointReplay} test class was
   * configured, else from the system property, else the default.
   */
  static Path currentAssetsDir() {
    ReplaySettings known = lastKnown;
    return known != null
        ? known.assetsDir()
        : from(name -> Optional.ofNullable(System.getProperty(name))).assetsDir();
  }

  private static ReplaySettings from(Function<String, Optional<String>> parameter) {
    boolean ci =
        parameter
            .apply(CI)
            .map(Boolean::parseBoolean)
            .orElseGet(() -> "true".equalsIgnoreCase(System.getenv("CI")));
    boolean update = parameter.apply(UPDATE).map(Boolean::parseBoolean).orElse(false);
    Optional<RecordMode> record =
        parameter
            .apply(RECORD)
            .map(value -> RecordMode.valueOf(value.trim().toUpperCase(Locale.ROOT)));
    Path dir =
        parameter
            .apply(ASSETS_DIR)
            .map(Path::of)
            .orElse(Path.of("src", "test", "resources", "checkpoints"));
    return new ReplaySettings(ci, update, record, dir);
  }

  /** Whether writing was asked for explicitly, which CI refuses. */
  boolean writeRequested() {
    return update || record.filter(mode -> mode == RecordMode.ALL).isPresent();
  }

  RecordMode mode(RecordMode annotated) {
    if (ci) {
      return RecordMode.NONE;
    }
    if (update) {
      return RecordMode.ALL;
    }
    return record.orElse(annotated);
  }
}
