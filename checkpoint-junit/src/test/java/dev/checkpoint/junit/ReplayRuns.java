package dev.checkpoint.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Example replay test classes run with the JUnit Platform test kit, on an assets directory. */
final class ReplayRuns {

  private ReplayRuns() {}

  /** Runs a test class replaying from {@code assets}, outside CI and update mode. */
  static EngineExecutionResults run(Class<?> test, Path assets) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(test))
        .configurationParameters(
            Map.of(
                "checkpoint.ci", "false",
                "checkpoint.update", "false",
                "checkpoint.assets.dir", assets.toString()))
        .execute();
  }

  /** The messages of what failed when running a test class. */
  static List<String> failures(Class<?> test, Path assets) {
    return run(test, assets).allEvents().failed().stream()
        .map(
            event ->
                event
                    .getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable)
                    .orElseThrow()
                    .getMessage())
        .toList();
  }

  /**
   * Writes an asset by hand, as a user edits one or as an older version wrote it: a tree of the
   * given checkpoints, without normalisation rules.
   */
  static void write(Path assets, String name, int formatVersion, String checkpoints)
      throws IOException {
    Path file = assets.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "{\"checkpoints\": "
            + checkpoints
            + ", \"formatVersion\": "
            + formatVersion
            + ", \"normalisation\": {\"detectors\": [], \"rules\": []},"
            + " \"scope\": {\"type\": \"tree\"}}");
  }
}
