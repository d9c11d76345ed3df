package dev.checkpoint.cli.internal.run;

import dev.checkpoint.cli.scenario.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command of a {@code test} step to its end and fails the step, with the last lines of the
 * command's output, when it exits with another code than 0 or runs out of time.
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
   * @throws RunFailure when the command cannot start, fails or times out
   */
  static void run(Step.Test step, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(step.command());
    builder.directory(step.workingDir().toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process;
    try {
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
    try {
      // A test reads nothing: end of input at once rather than a prompt that waits forever.
      process.getOutputStream().close();
    } catch (IOException e) {
      // It has exited already; its exit code tells.
    }
    Tail tail = new Tail(process.getInputStream());
    Thread reader = new Thread(tail, "checkpoint-test-output-" + step.name());
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(step.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        stop(process);
        throw new RunFailure(
            describe(step)
                + " did not finish within "
                + step.timeout().toMillis()
                + " ms and was stopped; give it a longer 'timeout'."
                + tail.describe());
      }
      reader.join(STOP_GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailure("Interrupted during step '" + step.name() + "'.", e);
    } finally {
      if (process.isAlive()) {
        stop(process);
      }
    }
    if (process.exitValue() != 0) {
      throw new RunFailure(
          describe(step) + " exited with code " + process.exitValue() + "." + tail.describe());
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

  /**
   * Keeps the last lines of the output; the rest is read and dropped so the command never blocks.
   */
  private static final class Tail implements Runnable {
    private final InputStream output;
    private final Deque<String> lines = new ArrayDeque<>();

    Tail(InputStream output) {
      this.output = output;
    }

    @Override
    public void run() {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          synchronized (lines) {
            lines.addLast(line);
            if (lines.size() > TAIL_LINES) {
              lines.removeFirst();
            }
          }
        }
      } catch (IOException | UncheckedIOException e) {
        // The process was stopped; what was read so far is kept.
      }
    }

    String describe() {
      synchronized (lines) {
        if (lines.isEmpty()) {
          return " It printed nothing.";
        }
        return " The last lines of its output:\n      | " + String.join("\n      | ", lines);
      }
    }
  }
}
