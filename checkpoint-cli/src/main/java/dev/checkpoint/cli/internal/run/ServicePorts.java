package dev.checkpoint.cli.internal.run;

import dev.checkpoint.cli.internal.scenario.ScenarioParser;
import dev.checkpoint.cli.scenario.Service;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves a service the runner starts to a free port when its port on this machine is taken (by a
 * second run, or any other program), so that the scenario still runs. Only a service that is told
 * its port by the scenario can move: one whose {@code env} uses {@code ${<name>.port}} or {@code
 * ${<name>}}; for any other the taken port is an error that says so.
 */
final class ServicePorts {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private ServicePorts() {}

  /**
   * Places the services.
   *
   * @param services the scenario's services, in order
   * @param progress where a move is reported
   * @return the services, moved ones on their new port
   * @throws RunFailure when a service's port is taken and the service cannot be told another
   */
  static List<Service> place(List<Service> services, PrintWriter progress) {
    List<Service> placed = new ArrayList<>();
    Set<Integer> chosen = new HashSet<>();
    for (Service service : services) {
      URI url = service.url();
      int port = url == null ? -1 : url.getPort();
      if (!service.isStarted() || port < 0 || !LOOPBACK.contains(url.getHost()) || isFree(port)) {
        placed.add(service);
        chosen.add(port);
        continue;
      }
      if (!takesItsPortFromTheScenario(service)) {
        throw new RunFailure(
            "Port "
                + port
                + " of service '"
                + service.name()
                + "' is in use by another program. Stop that program, or let the runner choose a"
                + " free port: pass ${"
                + service.name()
                + ScenarioParser.PORT_SUFFIX
                + "} to the service in its 'env' (such as PORT: \"${"
                + service.name()
                + ScenarioParser.PORT_SUFFIX
                + "}\").");
      }
      int free = freePort(chosen);
      chosen.add(free);
      progress.printf(
          "  port %d of %s is in use: %s gets the free port %d%n",
          port, service.name(), service.name(), free);
      progress.flush();
      placed.add(service.onPort(free));
    }
    return placed;
  }

  private static boolean takesItsPortFromTheScenario(Service service) {
    String port = "${" + service.name() + ScenarioParser.PORT_SUFFIX + "}";
    String url = "${" + service.name() + "}";
    return service.env().values().stream().anyMatch(v -> v.contains(port) || v.contains(url));
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port the system has just handed out, other than those given to earlier services. */
  private static int freePort(Set<Integer> taken) {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (!taken.contains(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new RunFailure("No free port on 127.0.0.1: " + e.getMessage(), e);
      }
    }
  }
}
