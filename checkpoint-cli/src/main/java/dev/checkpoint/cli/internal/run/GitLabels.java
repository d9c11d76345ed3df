package dev.checkpoint.cli.internal.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Labels a run with the git commit and branch of the working directory, when there is one. */
public final class GitLabels {
  private GitLabels() {}

  /**
   * The labels {@code git.sha} and {@code git.branch}, each only when git can tell.
   *
   * @param directory a directory inside the repository
   * @return the labels, empty outside a git repository or without git
   */
  public static Map<String, String> of(Path directory) {
    Map<String, String> labels = new LinkedHashMap<>();
    git(directory, "rev-parse", "HEAD").ifPresent(sha -> labels.put("git.sha", sha));
    git(directory, "rev-parse", "--abbrev-ref", "HEAD")
        .filter(branch -> !branch.equals("HEAD"))
        .ifPresent(branch -> labels.put("git.branch", branch));
    return labels;
  }

  private static Optional<String> git(Path directory, String... arguments) {
    String[] command = new String[arguments.length + 1];
    command[0] = "git";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 && !out.isBlank()
          ? Optional.of(out.strip())
          : Optional.empty();
    } catch (IOException e) {
      // No git on this machine: the run simply has no git labels.
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
