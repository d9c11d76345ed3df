package dev.checkpoint.cli.internal.run;

import dev.checkpoint.cli.internal.scenario.ScenarioParser;
import dev.checkpoint.cli.scenario.Scenario;
import dev.checkpoint.cli.scenario.Service;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's brokers found or started, its services placed on their ports and their {@code env}
 * resolved: what {@code checkpoint run} starts its services from, and {@code checkpoint replay} the
 * service under test.
 */
public final class ScenarioSetup implements AutoCloseable {
  private final Brokers brokers;
  private final Map<String, String> brokerUris;
  private final List<Service> services;
  private final Variables variables;

  private ScenarioSetup(
      Brokers brokers,
      Map<String, String> brokerUris,
      List<Service> services,
      Variables variables) {
    this.brokers = brokers;
    this.brokerUris = Map.copyOf(brokerUris);
    this.services = services;
    this.variables = variables;
  }

  /**
   * Finds or starts the brokers and places the services.
   *
   * @param scenario the scenario
   * @param environment the runner's environment, for brokers' {@code amqp_env}
   * @param progress where progress lines go
   * @return the setup; close it to stop embedded brokers
   * @throws RunFailure when a broker cannot be used
   */
  public static ScenarioSetup of(
      Scenario scenario, Map<String, String> environment, PrintWriter progress) {
    Brokers brokers = new Brokers(progress);
    try {
      Map<String, String> values = new HashMap<>(scenario.variables());
      Map<String, String> brokerUris = brokers.start(scenario.brokers(), environment);
      values.putAll(brokerUris);
      List<Service> placed = ServicePorts.place(scenario.services(), progress);
      placed.forEach(service -> values.putAll(addressOf(service)));
      Variables variables = new Variables(values);
      List<Service> services =
          placed.stream()
              .map(service -> service.withEnv(variables.substitute(service.env())))
              .toList();
      return new ScenarioSetup(brokers, brokerUris, services, variables);
    } catch (RuntimeException e) {
      brokers.close();
      throw e;
    }
  }

  /**
   * The services on their ports, {@code env} resolved.
   *
   * @return the services in scenario order
   */
  public List<Service> services() {
    return services;
  }

  /**
   * The URI in use of each broker: the one the scenario names, or an embedded one.
   *
   * @return the URIs by broker name
   */
  public Map<String, String> brokerUris() {
    return brokerUris;
  }

  /** The scenario's variables, brokers' URIs and services' addresses, for the steps. */
  Variables variables() {
    return variables;
  }

  /** {@code ${name}} is the base URL (without a trailing slash), {@code ${name.port}} its port. */
  private static Map<String, String> addressOf(Service service) {
    Map<String, String> address = new HashMap<>();
    String url = service.url().toString();
    address.put(service.name(), url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    if (service.url().getPort() >= 0) {
      address.put(
          service.name() + ScenarioParser.PORT_SUFFIX, Integer.toString(service.url().getPort()));
    }
    return address;
  }

  /** Stops the embedded brokers. */
  @Override
  public void close() {
    brokers.close();
  }
}
