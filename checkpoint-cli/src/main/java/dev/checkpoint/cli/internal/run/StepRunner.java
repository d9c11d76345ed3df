package dev.checkpoint.cli.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.cli.scenario.Step;
import dev.checkpoint.core.model.Ids;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.core.propagation.TraceParent;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the steps of one scenario run in order. Every request carries the run id in {@code baggage}
 * (so services in {@code ON_DEMAND} mode record it) and a new {@code traceparent}, so that each
 * step's tree is the trace with that id. A test step's command gets the run id and a new {@code
 * traceparent} in its environment, so its tree is the trace with that id too.
 */
final class StepRunner {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int BODY_PREVIEW = 300;

  private final HttpClient http;
  private final ServerClient server;
  private final ServiceSupervisor services;
  private final PrintWriter progress;
  private final Path testLogDir;

  /**
   * Creates a step runner.
   *
   * @param testLogDir where the output of each test step goes, as {@code <step>.log}
   */
  StepRunner(
      HttpClient http,
      ServerClient server,
      ServiceSupervisor services,
      PrintWriter progress,
      Path testLogDir) {
    this.http = http;
    this.server = server;
    this.services = services;
    this.progress = progress;
    this.testLogDir = testLogDir;
  }

  /**
   * Runs the steps.
   *
   * @return the trace id of each request and test step, by step name, in step order
   * @throws RunFailure when a step fails
   */
  Map<String, String> run(List<Step> steps, Variables variables, String runId) {
    Map<String, String> traces = new LinkedHashMap<>();
    for (Step step : steps) {
      long start = System.nanoTime();
      String outcome = run(step, variables, runId, traces);
      progress.printf(
          Locale.ROOT,
          "    ok  %-24s %s (%d ms)%n",
          step.name(),
          outcome,
          Duration.ofNanos(System.nanoTime() - start).toMillis());
      progress.flush();
    }
    return traces;
  }

  private String run(Step step, Variables variables, String runId, Map<String, String> traces) {
    if (step instanceof Step.Request request) {
      String traceId = Ids.newTraceId();
      int status = send(request, variables, runId, traceId);
      traces.put(step.name(), traceId);
      return request.method() + " " + variables.substitute(request.url()) + " -> " + status;
    }
    if (step instanceof Step.Test test) {
      String traceId = Ids.newTraceId();
      TestCommand.run(
          test,
          testEnvironment(test, variables, runId, traceId),
          testLogDir.resolve(step.name() + ".log"));
      traces.put(step.name(), traceId);
      return "test passed";
    }
    if (step instanceof Step.WaitForLog wait) {
      String pattern = variables.substitute(wait.pattern());
      // As in the parser: a pattern with variables is matched literally.
      services.awaitLog(
          wait.service(),
          Pattern.compile(
              Variables.hasReference(wait.pattern()) ? Pattern.quote(pattern) : pattern),
          wait.timeout(),
          step.name());
      return "log of " + wait.service() + " matched";
    }
    if (step instanceof Step.WaitForCheckpoint wait) {
      awaitCheckpoint(wait, runId);
      return "checkpoint arrived";
    }
    Step.Pause pause = (Step.Pause) step;
    Polling.sleep(pause.duration());
    return "paused " + pause.duration().toMillis() + " ms";
  }

  /**
   * What a test step's command gets, besides the runner's own environment: the run and the step's
   * tree (for {@code @CheckpointScenario} and any W3C-aware tool), and the settings a service
   * started by the runner gets, so that an instrumented client in the test records and propagates.
   * The step's {@code env} wins.
   */
  private Map<String, String> testEnvironment(
      Step.Test step, Variables variables, String runId, String traceId) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CHECKPOINT_MODE", "ON_DEMAND");
    env.put("CHECKPOINT_ENDPOINT", server.base());
    env.put("CHECKPOINT_SERVICE_NAME", step.name());
    env.put("CHECKPOINT_RUN_ID", runId);
    env.put("TRACEPARENT", TraceParent.sampled(traceId, Ids.newCheckpointId()).format());
    env.put("BAGGAGE", Baggage.empty().with(Baggage.RUN_KEY, runId).format());
    step.env().forEach((name, value) -> env.put(name, variables.substitute(value)));
    return env;
  }

  private int send(Step.Request step, Variables variables, String runId, String traceId) {
    String url = variables.substitute(step.url());
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
    } catch (IllegalArgumentException e) {
      throw new RunFailure("Step '" + step.name() + "': '" + url + "' is not a valid URL.", e);
    }
    String baggage = null;
    boolean contentType = false;
    for (Map.Entry<String, String> header : step.headers().entrySet()) {
      String value = variables.substitute(header.getValue());
      if (header.getKey().equalsIgnoreCase(Baggage.HEADER)) {
        baggage = value;
      } else {
        request.header(header.getKey(), value);
        contentType |= header.getKey().equalsIgnoreCase("Content-Type");
      }
    }
    request.header(Baggage.HEADER, Baggage.parse(baggage).with(Baggage.RUN_KEY, runId).format());
    request.header(
        TraceParent.HEADER, TraceParent.sampled(traceId, Ids.newCheckpointId()).format());
    String body = null;
    if (step.json() != null) {
      body = variables.substitute(step.json()).toString();
      if (!contentType) {
        request.header("Content-Type", "application/json");
      }
    } else if (step.body() != null) {
      body = variables.substitute(step.body());
    }
    request.method(
        step.method(),
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RunFailure(
          "Step '"
              + step.name()
              + "' (line "
              + step.line()
              + "): "
              + step.method()
              + " "
              + url
              + " failed: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ". Is the service running?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailure("Interrupted during step '" + step.name() + "'.", e);
    }
    int status = response.statusCode();
    boolean expected =
        step.expectStatus() == null ? status / 100 == 2 : status == step.expectStatus();
    if (!expected) {
      throw new RunFailure(
          "Step '"
              + step.name()
              + "' (line "
              + step.line()
              + "): "
              + step.method()
              + " "
              + url
              + " answered "
              + status
              + ", expected "
              + (step.expectStatus() == null ? "2xx" : step.expectStatus())
              + ". Body: "
              + preview(response.body()));
    }
    capture(step, response.body(), variables);
    return status;
  }

  private static void capture(Step.Request step, String body, Variables variables) {
    if (step.capture().isEmpty()) {
      return;
    }
    JsonNode json;
    try {
      json = ServerClient.JSON.readTree(body);
    } catch (IOException e) {
      throw new RunFailure(
          "Step '"
              + step.name()
              + "' captures "
              + step.capture().keySet()
              + " from the response, but its body is not JSON: "
              + preview(body));
    }
    for (Map.Entry<String, String> capture : step.capture().entrySet()) {
      JsonNode value = json == null ? null : json.at(capture.getValue());
      if (value == null || value.isMissingNode() || value.isNull()) {
        throw new RunFailure(
            "Step '"
                + step.name()
                + "' captures '"
                + capture.getKey()
                + "', but the response has nothing at "
                + capture.getValue()
                + ". Body: "
                + preview(body));
      }
      variables.put(capture.getKey(), value.isValueNode() ? value.asText() : value.toString());
    }
  }

  private void awaitCheckpoint(Step.WaitForCheckpoint wait, String runId) {
    long deadline = System.nanoTime() + wait.timeout().toNanos();
    while (!server.hasCheckpoint(runId, wait.service(), wait.kind(), wait.checkpointName())) {
      if (System.nanoTime() > deadline) {
        throw new RunFailure(
            "Step '"
                + wait.name()
                + "' (line "
                + wait.line()
                + "): no checkpoint of run "
                + runId
                + " with service="
                + wait.service()
                + " kind="
                + wait.kind()
                + " name="
                + wait.checkpointName()
                + " reached the server within "
                + wait.timeout().toMillis()
                + " ms.");
      }
      Polling.sleep(POLL);
    }
  }

  private static String preview(String body) {
    String flat = body == null ? "" : body.strip();
    return flat.length() <= BODY_PREVIEW ? flat : flat.substring(0, BODY_PREVIEW) + "…";
  }
}
