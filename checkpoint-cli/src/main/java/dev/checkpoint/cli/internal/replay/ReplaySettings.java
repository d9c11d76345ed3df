package dev.checkpoint.cli.internal.replay;

import dev.checkpoint.cli.scenario.Scenario;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What {@code checkpoint replay} replays, against what, and how long it waits.
 *
 * @param service the service under test, as it records itself ({@code CHECKPOINT_SERVICE_NAME})
 * @param selection which recorded entry requests
 * @param target the base URL of a service already running, or {@code null} with {@code scenario}
 * @param scenario the scenario whose {@code services:} entry for {@code service} starts it, or
 *     {@code null}
 * @param amqp the broker recorded messages are delivered through, or {@code null} for the
 *     scenario's only broker, else {@link #DEFAULT_AMQP}
 * @param kafka the Kafka broker recorded records are sent to ({@code host:port}), or {@code null}
 *     for {@link #DEFAULT_KAFKA}
 * @param missing {@code FAIL} or {@code CALL_REAL}: what a started service does with a call the
 *     recording does not answer
 * @param quietPeriod how long a tree must not grow before it is taken as complete
 * @param ingestTimeout how long to wait for the replayed trees at most
 * @param logDir where the started service's log goes
 * @param environment the runner's environment, for brokers' {@code amqp_env}
 */
public record ReplaySettings(
    String service,
    Selection selection,
    URI target,
    Scenario scenario,
    URI amqp,
    String kafka,
    String missing,
    Duration quietPeriod,
    Duration ingestTimeout,
    Path logDir,
    Map<String, String> environment) {

  /** The broker of messages when neither the command line nor the scenario names one. */
  public static final URI DEFAULT_AMQP = URI.create("amqp://guest:guest@127.0.0.1:5672");

  /** The Kafka broker of records when the command line names none. */
  public static final String DEFAULT_KAFKA = "127.0.0.1:9092";

  /** Copies the environment. */
  public ReplaySettings {
    environment = Map.copyOf(environment);
  }
}
