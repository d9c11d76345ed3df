package dev.checkpoint.cli.scenario;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A service under test: either a command the runner starts (and stops at the end, also on failure
 * or Ctrl-C) or the URL of one already running. Its base URL is available to steps as {@code
 * ${name}}, its port as {@code ${name.port}}.
 *
 * @param name the service name
 * @param command the command line to start it, empty for an already running service
 * @param workingDir where to run the command, relative to the scenario file
 * @param env extra environment variables for the command; values may hold {@code ${variables}}
 * @param url the base URL, such as {@code http://127.0.0.1:8081}
 * @param readyUrl an HTTP URL, or a path on {@code url}, that answers 2xx once the service is
 *     ready; or {@code null}
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

  /**
   * Where readiness is polled.
   *
   * @return the ready URL, a path resolved against the base URL; {@code null} without one
   */
  public URI readyAt() {
    return readyUrl == null ? null : url.resolve(readyUrl);
  }

  /**
   * The same service with other environment variables.
   *
   * @param env the variables
   * @return the changed service
   */
  public Service withEnv(Map<String, String> env) {
    return new Service(
        name, command, workingDir, env, url, readyUrl, readyLog, readyTimeout, logFile);
  }

  /**
   * The same service listening on another port: its base URL, and a ready URL on the same host and
   * port, move with it.
   *
   * @param port the new port
   * @return the moved service
   */
  public Service onPort(int port) {
    URI ready =
        readyUrl != null && Objects.equals(readyUrl.getAuthority(), url.getAuthority())
            ? withPort(readyUrl, port)
            : readyUrl;
    return new Service(
        name,
        command,
        workingDir,
        env,
        withPort(url, port),
        ready,
        readyLog,
        readyTimeout,
        logFile);
  }

  private static URI withPort(URI uri, int port) {
    try {
      return new URI(
          uri.getScheme(),
          uri.getUserInfo(),
          uri.getHost(),
          port,
          uri.getPath(),
          uri.getQuery(),
          uri.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(uri + " cannot take port " + port, e);
    }
  }
}
