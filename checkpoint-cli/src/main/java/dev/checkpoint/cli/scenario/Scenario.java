package dev.checkpoint.cli.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named, repeatable sequence of actions against a system of services, read from a YAML file (see
 * {@code docs/scenarios.md} and {@code docs/scenario.schema.json}).
 *
 * @param file the file it was read from
 * @param name the scenario name, used as the asset directory
 * @param description what it exercises, may be empty
 * @param brokers the message brokers the services need
 * @param services how to start (or where to find) the services under test
 * @param variables initial values for {@code ${name}} substitution
 * @param steps the actions, in order
 * @param noise extra normalisation and ignore rules for this scenario's assets
 */
public record Scenario(
    Path file,
    String name,
    String description,
    List<Broker> brokers,
    List<Service> services,
    Map<String, String> variables,
    List<Step> steps,
    Noise noise) {

  /** Copies the collections. */
  public Scenario {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    brokers = List.copyOf(brokers);
    services = List.copyOf(services);
    variables = Map.copyOf(variables);
    steps = List.copyOf(steps);
    Objects.requireNonNull(noise, "noise");
  }

  /**
   * The same scenario with other brokers, services and steps, such as those {@code checkpoint demo}
   * points at its own class path.
   *
   * @param brokers the brokers
   * @param services the services
   * @param steps the steps
   * @return the changed scenario
   */
  public Scenario with(List<Broker> brokers, List<Service> services, List<Step> steps) {
    return new Scenario(file, name, description, brokers, services, variables, steps, noise);
  }
}
