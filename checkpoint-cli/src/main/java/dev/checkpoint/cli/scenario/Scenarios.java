package dev.checkpoint.cli.scenario;

import dev.checkpoint.cli.internal.scenario.ScenarioParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads scenario files. */
public final class Scenarios {

  private Scenarios() {}

  /**
   * Reads and checks one scenario file.
   *
   * @param file a {@code .yaml} file
   * @return the scenario
   * @throws ScenarioException listing every problem, each with file, line and fix
   */
  public static Scenario read(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException(
          List.of(file + ": cannot be read (" + e + "); check the path and its permissions."));
    }
    return ScenarioParser.parse(file, yaml);
  }
}
