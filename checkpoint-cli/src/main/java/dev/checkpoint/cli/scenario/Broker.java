package dev.checkpoint.cli.scenario;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

/**
 * A message broker the scenario's services need. The runner uses the one at {@link #amqp()} when it
 * answers, and otherwise starts an embedded AMQP 0-9-1 broker for the scenario; services and steps
 * get the URI of the broker in use as {@code ${name}}.
 *
 * @param name the broker name, also its variable
 * @param amqp where an AMQP 0-9-1 broker such as RabbitMQ is expected, credentials included
 * @param amqpEnv an environment variable of the runner that, when set, replaces {@code amqp}; or
 *     {@code null}
 */
public record Broker(String name, URI amqp, String amqpEnv) {

  /** Checks the required parts. */
  public Broker {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(amqp, "amqp");
  }

  /**
   * Where to look for the broker.
   *
   * @param environment the runner's environment variables
   * @return the value of {@code amqpEnv} when it is set, else {@code amqp}
   * @throws IllegalArgumentException when that variable does not hold an amqp(s) URI with a host
   */
  public URI amqp(Map<String, String> environment) {
    String value = amqpEnv == null ? null : environment.get(amqpEnv);
    if (value == null || value.isBlank()) {
      return amqp;
    }
    URI uri = null;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      // Reported below with an example.
    }
    if (uri == null
        || uri.getHost() == null
        || !("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(
          amqpEnv
              + " (for broker '"
              + name
              + "') must be an AMQP URI such as amqp://guest:guest@127.0.0.1:5672, but is '"
              + value
              + "'.");
    }
    return uri;
  }

  /**
   * The same broker expected elsewhere, whatever the environment says.
   *
   * @param amqp where to look for it
   * @return a broker without {@code amqpEnv}
   */
  public Broker at(URI amqp) {
    return new Broker(name, amqp, null);
  }
}
