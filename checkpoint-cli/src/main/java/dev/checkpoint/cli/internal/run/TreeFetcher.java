package dev.checkpoint.cli.internal.run;

import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fetches the tree of each step once ingestion is quiet. Services export in batches, a second or so
 * after the call, so a tree is complete only when its checkpoint count has stopped growing: the
 * count is polled from the server's summary, which reads no checkpoint, and each tree is fetched
 * once at the end.
 */
public final class TreeFetcher {
  private static final Duration POLL = Duration.ofMillis(200);

  private static final String SCENARIO_HINT =
      "Are the services instrumented, recording (CHECKPOINT_MODE=ON_DEMAND) and exporting to that"
          + " server (CHECKPOINT_ENDPOINT)? Does a test step's test send the run's headers"
          + " (@CheckpointScenario)?";

  private final ServerClient server;
  private final Duration quietPeriod;
  private final Duration timeout;
  private final String hint;

  /**
   * Creates a fetcher.
   *
   * @param server the server the trees go to
   * @param quietPeriod how long a tree must not grow to be taken as complete
   * @param timeout how long to wait at most
   */
  public TreeFetcher(ServerClient server, Duration quietPeriod, Duration timeout) {
    this(server, quietPeriod, timeout, SCENARIO_HINT);
  }

  /**
   * Creates a fetcher that says what to check when a tree does not arrive.
   *
   * @param server the server the trees go to
   * @param quietPeriod how long a tree must not grow to be taken as complete
   * @param timeout how long to wait at most
   * @param hint the questions that end the message when a tree does not arrive
   */
  public TreeFetcher(ServerClient server, Duration quietPeriod, Duration timeout, String hint) {
    this.server = server;
    this.quietPeriod = quietPeriod;
    this.timeout = timeout;
    this.hint = hint;
  }

  /**
   * Waits until no trace has gained a checkpoint for the quiet period, then assembles the trees.
   *
   * @param traces trace id by step name
   * @return the trees by step name, in the same order
   * @throws RunFailure when a trace has no checkpoint when the timeout is up
   */
  public Map<String, List<CheckpointNode>> fetch(Map<String, String> traces) {
    return fetch(
        traces,
        () -> {
          Map<String, Integer> counts = new HashMap<>();
          traces.values().forEach(traceId -> counts.put(traceId, server.checkpointCount(traceId)));
          return counts;
        });
  }

  /**
   * The same for trees that are all recorded in one run, such as a replay's: each poll reads the
   * run's tree counts, one request per 1,000 trees instead of one per tree.
   *
   * @param runId the run the trees are recorded in
   * @param traces trace id by name
   * @return the trees by name, in the same order
   * @throws RunFailure when a trace has no checkpoint when the timeout is up
   */
  public Map<String, List<CheckpointNode>> fetchRun(String runId, Map<String, String> traces) {
    return fetch(traces, () -> server.checkpointCounts(runId));
  }

  private Map<String, List<CheckpointNode>> fetch(
      Map<String, String> traces, Supplier<Map<String, Integer>> poll) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Integer> counts = new HashMap<>();
    long quietSince = System.nanoTime();
    while (true) {
      boolean changed = false;
      Map<String, Integer> polled = poll.get();
      for (String traceId : traces.values()) {
        int count = polled.getOrDefault(traceId, 0);
        Integer previous = counts.put(traceId, count);
        changed |= previous == null || previous != count;
      }
      long now = System.nanoTime();
      if (changed) {
        quietSince = now;
      }
      boolean allArrived = counts.values().stream().allMatch(count -> count > 0);
      if (allArrived && now - quietSince >= quietPeriod.toNanos()) {
        break;
      }
      if (now > deadline) {
        if (allArrived) {
          break;
        }
        throw new RunFailure(missing(traces, counts));
      }
      Polling.sleep(POLL);
    }
    Map<String, List<CheckpointNode>> trees = new LinkedHashMap<>();
    traces.forEach(
        (step, traceId) ->
            trees.put(
                step,
                CheckpointTrees.assemble(
                    server
                        .checkpoints(traceId)
                        .orElseThrow(
                            () ->
                                new RunFailure(
                                    "The tree "
                                        + traceId
                                        + " of step '"
                                        + step
                                        + "' disappeared.")))));
    return trees;
  }

  private String missing(Map<String, String> traces, Map<String, Integer> counts) {
    List<String> steps = new ArrayList<>();
    traces.forEach(
        (step, traceId) -> {
          if (counts.getOrDefault(traceId, 0) == 0) {
            steps.add(step + " (trace " + traceId + ")");
          }
        });
    return "No checkpoint of "
        + String.join(", ", steps)
        + " reached the checkpoint server at "
        + server.base()
        + " within "
        + timeout.toSeconds()
        + "s. "
        + hint;
  }
}
