package dev.checkpoint.cli;

import dev.checkpoint.server.ServerCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
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
      ExportCommand.class,
      ImpactCommand.class,
      ReplayCommand.class
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
    CommandLine commandLine = new CommandLine(new CheckpointCli());
    CommandLine.IParameterExceptionHandler parameterErrors =
        commandLine.getParameterExceptionHandler();
    return commandLine
        .setExecutionExceptionHandler(CheckpointCli::reportUserError)
        .setParameterExceptionHandler(
            (error, args) ->
                unknownCommand(
                        error.getCommandLine(), error.getCommandLine().getUnmatchedArguments())
                    ? USER_ERROR
                    : parameterErrors.handleParseException(error, args))
        .setExecutionStrategy(
            parseResult ->
                unknownCommand(parseResult.commandSpec().commandLine(), parseResult.unmatched())
                    ? USER_ERROR
                    : new CommandLine.RunLast().execute(parseResult));
  }

  /**
   * Reports a first argument that names no command, also when help was asked for (picocli would
   * print the usage and exit 0, as if the command existed).
   *
   * @return whether it did
   */
  private static boolean unknownCommand(CommandLine command, List<String> unmatched) {
    if (command.getParent() != null || unmatched.isEmpty() || unmatched.get(0).startsWith("-")) {
      return false;
    }
    PrintWriter err = command.getErr();
    err.printf(
        "checkpoint: Unknown command '%s'. The commands are:%n%s"
            + "Run 'checkpoint COMMAND --help' for one command's options.%n",
        unmatched.get(0), command.getHelp().commandList());
    err.flush();
    return true;
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
