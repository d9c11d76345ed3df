package dev.checkpoint.cli.internal.run;

import dev.checkpoint.cli.scenario.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command of a {@code test} step to its end, its output going to a log file, and fails the
 * step with the last lines of that output when the command exits with another code than 0 or runs
 * out of time. The command is stopped with its child processes on timeout and on Ctrl-C.
 */
final class TestCommand {
  static final int TAIL_LINES = 30;
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private TestCommand() {}

  /**
   * Runs the step's command.
   *
   * @param step the step
   * @param env variables added to the runner's own environment
   * @param log where the command's output goes, replaced on each run
   * @throws RunFailure when the command cannot start, fails or times out
   */
  static void run(Step.Test step, Map<String, String> env, Path log) {
    ProcessBuilder builder = new ProcessBuilder(step.command());
    builder.directory(step.workingDir().toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process;
    try {
      Path parent = log.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      builder.redirectOutput(log.toFile());
      process = builder.start();
    } catch (IOException e) {
      throw new RunFailure(
          describe(step)
              + " did not start: "
              + e.getMessage()
              + ". Check its 'command' and 'working_dir' ("
              + step.workingDir()
              + ").",
          e);
    }
    Thread onCtrlC = new Thread(() -> stop(process), "checkpoint-test-stop-" + step.name());
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      // A test reads nothing: end of input at once rather than a prompt that waits forever.
      process.getOutputStream().close();
    } catch (IOException e) {
      // The command has exited already; its exit code tells.
    }
    try {
      if (!process.waitFor(step.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        stop(process);
        throw new RunFailure(
            describe(step)
                + " did not finish within "
                + step.timeout().toMillis()
                + " ms and was stopped; give it a longer 'timeout'."
                + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailure("Interrupted during step '" + step.name() + "'.", e);
    } finally {
      if (process.isAlive()) {
        stop(process);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down and runs the hook itself.
      }
    }
    if (process.exitValue() != 0) {
      throw new RunFailure(
          describe(step) + " exited with code " + process.exitValue() + "." + tail(log));
    }
  }

  static String describe(Step.Test step) {
    List<String> command = step.command();
    String shown =
        command.size() == 3 && command.get(0).equals("/bin/sh") && command.get(1).equals("-c")
            ? command.get(2)
            : String.join(" ", command);
    return "Step '" + step.name() + "' (line " + step.line() + "): the test '" + shown + "'";
  }

  /** A command run through /bin/sh -c has the real test JVM as a child of the shell. */
  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static String tail(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return " Its output in " + log + " cannot be read: " + e.getMessage();
    }
    if (lines.isEmpty()) {
      return " It printed nothing.";
    }
    return " The last lines of its output (all of it in "
        + log
        + "):\n      | "
        + String.join(
            "\n      | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
  }
}
