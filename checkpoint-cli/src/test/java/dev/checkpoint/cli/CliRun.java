package dev.checkpoint.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The {@code checkpoint} command line run in-process, and what it printed.
 *
 * @param code the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CheckpointCli.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int code = commandLine.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
