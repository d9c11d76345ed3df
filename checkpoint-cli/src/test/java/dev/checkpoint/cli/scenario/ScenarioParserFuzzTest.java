package dev.checkpoint.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.checkpoint.cli.internal.scenario.ScenarioParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Any file is either a scenario or refused with a {@link ScenarioException} whose every problem
 * starts with the file's name. Anything else escaping the parser, such as SnakeYAML's own
 * exceptions, a ClassCastException or a StackOverflowError on a recursive alias, fails the target.
 *
 * <p>Without {@code JAZZER_FUZZ} the suite runs the committed inputs in {@code
 * ScenarioParserFuzzTestInputs/parse}; {@code scripts/fuzz.sh scenario} fuzzes
 * (docs/reliability.md).
 */
class ScenarioParserFuzzTest {
  private static final Path FILE = Path.of("scenarios/fuzzed.yaml");

  /** The bytes are decoded as {@link Scenarios#read(Path)} decodes a file it can read. */
  @FuzzTest
  void parse(byte[] file) {
    try {
      ScenarioParser.parse(FILE, new String(file, StandardCharsets.UTF_8));
    } catch (ScenarioException e) {
      assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith(FILE + ":"));
    }
  }
}
