package dev.checkpoint.cli.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A service under test: either a command the runner starts (and stops at the end, also on failure
 * or Ctrl-C) or the URL of one already running. Its base URL is available to steps as {@code
 * ${name}}.
 *
 * @param name the service name
 * @param command the command line to start it, empty for an already running service
 * @param workingDir where to run the command, relative to the scenario file
 * @param env extra environment variables for the command
 * @param url the base URL, such as {@code http://127.0.0.1:8081}
 * @param readyUrl an HTTP URL that answers 2xx once the service is ready, or {@code null}
 * @param readyLog a log line pattern that appears once the service is ready, or {@code null}
 * @param readyTimeout how long to wait for readiness
 * @param logFile where the command's output goes, or {@code null} for a file beside the report
 */
public record Service(
    String name,
    List<String> command,
    Path workingDir,
    Map<String, String> env,
    URI url,
    URI readyUrl,
    Pattern readyLog,
    Duration readyTimeout,
    Path logFile) {

  /** Copies the collections. */
  public Service {
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }

  /**
   * Whether the runner starts this service itself.
   *
   * @return {@code true} when a command is given
   */
  public boolean isStarted() {
    return !command.isEmpty();
  }
}
