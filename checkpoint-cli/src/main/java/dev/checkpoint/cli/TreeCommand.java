package dev.checkpoint.cli;

import dev.checkpoint.cli.internal.JsonLines;
import dev.checkpoint.cli.internal.TreeRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the checkpoint trees of a JSON Lines file. */
@Command(
    name = "tree",
    mixinStandardHelpOptions = true,
    description =
        "Prints the checkpoints of a JSON Lines file (CHECKPOINT_EXPORTER=jsonl) as trees.")
final class TreeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A .jsonl file written by the jsonl exporter.")
  Path file;

  @Option(
      names = "--payloads",
      description = "Also print each checkpoint's input and output (abbreviated).")
  boolean payloads;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    new TreeRenderer(payloads).render(JsonLines.read(file), out);
    out.flush();
    return 0;
  }
}
