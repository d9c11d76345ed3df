package dev.checkpoint.cli.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One action of a scenario. Strings may contain {@code ${variable}} references. */
public sealed interface Step {

  /**
   * The step's name, used for its asset file and report entry.
   *
   * @return the name
   */
  String name();

  /**
   * The line of the scenario file where the step starts, for error messages.
   *
   * @return a 1-based line number
   */
  int line();

  /**
   * Sends an HTTP request and checks the answer.
   *
   * @param name the step name
   * @param line where it starts
   * @param method the HTTP method
   * @param url the URL
   * @param headers request headers
   * @param json a JSON body, or {@code null}
   * @param body a text body, or {@code null}
   * @param expectStatus the expected status, or {@code null} for any 2xx
   * @param capture variables to set from the response: name → JSON pointer such as {@code /id}
   */
  record Request(
      String name,
      int line,
      String method,
      String url,
      Map<String, String> headers,
      JsonNode json,
      String body,
      Integer expectStatus,
      Map<String, String> capture)
      implements Step {
    /** Copies the maps. */
    public Request {
      headers = Map.copyOf(headers);
      capture = Map.copyOf(capture);
    }
  }

  /**
   * Waits until a service logs a line matching a pattern.
   *
   * @param name the step name
   * @param line where it starts
   * @param service the service whose log is watched
   * @param pattern the pattern, after variable substitution
   * @param timeout how long to wait
   */
  record WaitForLog(String name, int line, String service, String pattern, Duration timeout)
      implements Step {}

  /**
   * Waits until the server has received a checkpoint of this run matching a filter.
   *
   * @param name the step name
   * @param line where it starts
   * @param service the checkpoint's service, or {@code null} for any
   * @param kind the checkpoint's kind, or {@code null} for any
   * @param checkpointName the checkpoint's name, or {@code null} for any
   * @param timeout how long to wait
   */
  record WaitForCheckpoint(
      String name, int line, String service, String kind, String checkpointName, Duration timeout)
      implements Step {}

  /**
   * Runs a command, typically a JUnit test marked {@code @CheckpointScenario}, with the run id and
   * the step's {@code traceparent} in its environment; what its requests cause is the step's tree.
   *
   * @param name the step name
   * @param line where it starts
   * @param command the program and its arguments ({@code /bin/sh -c <line>} for a string)
   * @param workingDir where it runs
   * @param env extra environment variables; values may contain variable references
   * @param timeout how long it may run
   */
  record Test(
      String name,
      int line,
      List<String> command,
      Path workingDir,
      Map<String, String> env,
      Duration timeout)
      implements Step {
    /** Copies the collections. */
    public Test {
      command = List.copyOf(command);
      env = Map.copyOf(env);
    }
  }

  /**
   * Does nothing for a while.
   *
   * @param name the step name
   * @param line where it starts
   * @param duration how long
   */
  record Pause(String name, int line, Duration duration) implements Step {}
}
