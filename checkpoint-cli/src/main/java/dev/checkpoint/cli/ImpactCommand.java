package dev.checkpoint.cli;

import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.AssetFormatException;
import dev.checkpoint.assets.AssetLayout;
import dev.checkpoint.contracts.Contracts;
import dev.checkpoint.contracts.Impact;
import dev.checkpoint.contracts.Recording;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code checkpoint impact}: which consumers a provider's new behaviour breaks, from two folders of
 * assets: the recorded ones the consumers rely on, and those of a new run (a drifted {@code
 * checkpoint run}, a replay).
 */
@Command(
    name = "impact",
    mixinStandardHelpOptions = true,
    description =
        "Lists every consumer interaction whose recorded answer a provider no longer gives:"
            + " consumer, interaction, provider state, field, recorded and new value, and the"
            + " consumer's checkpoints that used the recorded value. Exit code 0: no consumer"
            + " affected, 1: a consumer is affected, 2: error.",
    footer = {
      "",
      "Example: checkpoint run scenarios --assets /tmp/now --update && \\",
      "         checkpoint impact --recorded src/test/resources/checkpoints --now /tmp/now \\",
      "           --markdown > impact.md"
    })
final class ImpactCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--recorded",
      paramLabel = "DIR",
      required = true,
      description = "The committed assets (<DIR>/<scenario>/<step>.json) the consumers rely on.")
  Path recorded;

  @Option(
      names = "--now",
      paramLabel = "DIR",
      required = true,
      description = "The assets of the provider's new behaviour, laid out the same way.")
  Path now;

  @Option(names = "--markdown", description = "Write Markdown, for a pull request comment.")
  boolean markdown;

  @Override
  public Integer call() throws IOException {
    Contracts before = Contracts.of(recordings(recorded, "--recorded"));
    if (before.interactions().isEmpty()) {
      throw new IllegalArgumentException(
          "The assets in " + recorded + " hold no interaction to check. " + before.whyEmpty());
    }
    Impact impact = Impact.of(before, Contracts.of(recordings(now, "--now")));
    PrintWriter out = spec.commandLine().getOut();
    out.print(markdown ? impact.markdown() : impact.text());
    out.flush();
    return impact.affected() ? 1 : 0;
  }

  /* Each asset's trees, in the state of its step: the file name, as the runner wrote it. */
  private static List<Recording> recordings(Path dir, String option) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          option + " " + dir + " is not a directory of assets (<DIR>/<scenario>/<step>.json).");
    }
    List<Path> files = AssetLayout.at(dir).assets();
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          option
              + " "
              + dir
              + " holds no asset (<DIR>/<scenario>/<step>.json); write them with 'checkpoint run"
              + " ... --assets "
              + dir
              + "'.");
    }
    List<Recording> recordings = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      String step = name.substring(0, name.length() - ".json".length());
      try {
        recordings.add(Recording.ofStep(step, AssetFormat.read(file).checkpoints()));
      } catch (AssetFormatException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    return recordings;
  }
}
