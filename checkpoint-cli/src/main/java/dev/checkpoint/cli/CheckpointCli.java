package dev.checkpoint.cli;

import dev.checkpoint.server.ServerCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code checkpoint} executable. */
@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    version = "checkpoint 0.1.0-SNAPSHOT",
    description = "Records what flows through your services and keeps it as test assets.",
    subcommands = {
      ServerCommand.class,
      RunCommand.class,
      DemoCommand.class,
      TreeCommand.class,
      ExportCommand.class
    })
public final class CheckpointCli {

  /** Exit code for errors the user can fix; 1 is reserved for "drift found". */
  static final int USER_ERROR = 2;

  private CheckpointCli() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with every subcommand, for tests and embedding.
   *
   * @return a fresh command line
   */
  public static CommandLine commandLine() {
    return new CommandLine(new CheckpointCli())
        .setExecutionExceptionHandler(CheckpointCli::reportUserError);
  }

  /**
   * Reports mistakes a user can fix (bad file, bad configuration) as one line instead of a stack
   * trace; anything else is a bug and keeps its stack trace.
   */
  private static int reportUserError(
      Exception error, CommandLine command, CommandLine.ParseResult parseResult) throws Exception {
    if (error instanceof IllegalArgumentException
        || error instanceof IOException
        || error instanceof UncheckedIOException) {
      command.getErr().println("checkpoint: " + error.getMessage());
      return USER_ERROR;
    }
    throw error;
  }
}
