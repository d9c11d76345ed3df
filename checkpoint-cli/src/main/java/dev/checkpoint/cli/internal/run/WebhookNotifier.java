package dev.checkpoint.cli.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.FirstDivergence;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Posts a JSON summary of the run to a webhook. The {@code text} field makes it a Slack (and
 * Mattermost, Teams workflow) message; the other fields are for machines. Delivery is retried a few
 * times and failures are logged, never fatal: an alert must not fail the run it reports.
 */
public final class WebhookNotifier {
  private static final int ATTEMPTS = 3;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  /* A chat message stays readable: the fields of the first divergence shown, each value cut. */
  private static final int FIELDS_IN_TEXT = 3;
  private static final int MAX_VALUE = 200;

  private final HttpClient http;
  private final Duration backoff;

  /**
   * Creates a notifier.
   *
   * @param backoff the wait after the first failed attempt, doubled after each further one
   */
  WebhookNotifier(Duration backoff) {
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    this.backoff = backoff;
  }

  /** A notifier with the default backoff. */
  public WebhookNotifier() {
    this(FIRST_BACKOFF);
  }

  /**
   * Posts the summary.
   *
   * @param webhook the URL
   * @param summary the outcome
   * @param log where failures are logged
   * @return whether the webhook accepted it
   */
  public boolean notify(URI webhook, RunSummary summary, PrintWriter log) {
    String body = payload(summary).toString();
    Duration wait = backoff;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      String problem;
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(webhook)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          return true;
        }
        problem = "HTTP " + response.statusCode();
      } catch (IOException e) {
        problem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      log.printf(
          "checkpoint: webhook %s failed (attempt %d of %d): %s%n",
          webhook.getHost(), attempt, ATTEMPTS, problem);
      log.flush();
      if (attempt < ATTEMPTS) {
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        wait = wait.multipliedBy(2);
      }
    }
    return false;
  }

  /** The JSON body: {@code text} for people, the rest for machines. */
  ObjectNode payload(RunSummary summary) {
    ServerClient server = new ServerClient(summary.serverUrl(), http);
    ObjectNode json = ServerClient.JSON.createObjectNode();
    StringBuilder text =
        new StringBuilder(
                summary.exitCode() == RunSummary.DRIFT ? "Checkpoint drift: " : "Checkpoint run: ")
            .append(summary.headline());
    json.put("status", status(summary.exitCode()));
    json.put("exitCode", summary.exitCode());
    ArrayNode scenarios = json.putArray("scenarios");
    for (ScenarioResult scenario : summary.scenarios()) {
      ObjectNode node = scenarios.addObject();
      node.put("name", scenario.scenario());
      node.put("runId", scenario.runId());
      node.put("error", scenario.error());
      if (scenario.error() != null) {
        text.append("\n• ")
            .append(scenario.scenario())
            .append(" failed: ")
            .append(scenario.error());
      }
      if (scenario.runId() == null) {
        continue;
      }
      String link = link(server, summary, scenario);
      node.put("link", link);
      ArrayNode drifted = node.putArray("drifted");
      for (StepResult step : scenario.steps()) {
        if (step.status() != StepResult.Status.DRIFT) {
          continue;
        }
        ObjectNode drift = drifted.addObject();
        drift.put("step", step.step());
        drift.put("asset", step.asset().toString());
        List<String> keys =
            step.diff().changes().stream()
                .map(change -> change.key().toString())
                .distinct()
                .toList();
        keys.forEach(drift.putArray("checkpoints")::add);
        Optional<FirstDivergence> first = step.firstDivergence();
        drift.set("firstDivergence", first.map(FirstDivergence::toJson).orElse(null));
        text.append("\n• ").append(scenario.scenario()).append(" / ").append(step.step());
        if (first.isPresent()) {
          text.append(": first divergence ").append(headline(first.get()));
          int later = first.get().others().size();
          if (later > 0) {
            text.append(" (").append(later).append(" later)");
          }
        } else {
          text.append(": ").append(String.join(", ", keys));
        }
      }
      if (!drifted.isEmpty()) {
        text.append("\n<").append(link).append("|Compare in the web UI>");
      }
    }
    json.put("text", text.toString());
    return json;
  }

  /** The first divergence in one line: where, what changed, and the cause. */
  private static String headline(FirstDivergence first) {
    StringBuilder line =
        new StringBuilder(first.side().phrase()).append(" `").append(first.key()).append('`');
    if (first.side() == FirstDivergence.Side.INPUT
        || first.side() == FirstDivergence.Side.OUTPUT
        || first.side() == FirstDivergence.Side.ERROR) {
      String fields =
          first.changes().stream()
              .limit(FIELDS_IN_TEXT)
              .map(c -> c.path() + ": " + shown(c.expected()) + " -> " + shown(c.actual()))
              .collect(Collectors.joining(", "));
      int more = first.changes().size() - FIELDS_IN_TEXT;
      line.append(" (")
          .append(fields)
          .append(more > 0 ? ", and " + more + " more" : "")
          .append(')');
    }
    first.cause().ifPresent(cause -> line.append(", caused by `").append(cause.key()).append('`'));
    return line.toString();
  }

  private static String shown(JsonNode value) {
    if (value.isMissingNode()) {
      return "(none)";
    }
    String text = value.toString();
    return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "…";
  }

  /** The comparison with the scenario's previous run when the server knows one, else the run. */
  private static String link(ServerClient server, RunSummary summary, ScenarioResult scenario) {
    Optional<String> previous;
    try {
      previous = server.previousRun(scenario.scenario(), scenario.runIds().get(0));
    } catch (RunFailure e) {
      previous = Optional.empty();
    }
    return previous
        .map(
            id ->
                summary.serverUrl()
                    + "/ui/compare?run="
                    + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + "&run="
                    + URLEncoder.encode(scenario.runId(), StandardCharsets.UTF_8))
        .orElseGet(() -> summary.runLink(scenario));
  }

  private static String status(int exitCode) {
    return switch (exitCode) {
      case RunSummary.OK -> "ok";
      case RunSummary.DRIFT -> "drift";
      default -> "error";
    };
  }
}
