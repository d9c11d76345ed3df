package dev.checkpoint.cli.internal.run;

import dev.checkpoint.assets.AssetLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How {@code checkpoint run} runs scenarios.
 *
 * @param layout where the assets are
 * @param update whether drifted assets are rewritten
 * @param repeat runs per scenario, or {@code null} for 2 on a first recording and 1 otherwise
 * @param quietPeriod how long a tree must not grow before it is taken as complete
 * @param ingestTimeout how long to wait for the trees at most
 * @param labels labels of every run, such as the git commit
 * @param logDir where the logs of started services go unless the scenario says otherwise
 * @param environment the runner's environment variables, for brokers' {@code amqp_env}
 */
public record RunSettings(
    AssetLayout layout,
    boolean update,
    Integer repeat,
    Duration quietPeriod,
    Duration ingestTimeout,
    Map<String, String> labels,
    Path logDir,
    Map<String, String> environment) {

  /** Copies the labels and the environment. */
  public RunSettings {
    labels = Map.copyOf(labels);
    environment = Map.copyOf(environment);
  }
}
