package dev.checkpoint.demo.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The shop's Kafka topology: the topic {@value #SHIPMENT_CREATED}, which shipping publishes to. */
public final class Kafka {
  /** The topic of {@link ShipmentCreated} events. */
  public static final String SHIPMENT_CREATED = "shipment.created";

  private static final int TIMEOUT_MS = 5_000;

  private Kafka() {}

  /**
   * Checks that the cluster answers and that the topic exists (created with the broker's defaults
   * when missing), or says why not. A closed port answers at once; a cluster that accepts
   * connections but does not answer is given {@value #TIMEOUT_MS} ms.
   *
   * @param bootstrapServers such as {@code 127.0.0.1:9092}
   * @param service the connecting service, its client id
   * @param withoutIt what the service does without Kafka, said loudly with the reason
   * @return the client configuration shared by producers and consumers, or empty
   */
  public static Optional<Map<String, Object>> connect(
      String bootstrapServers, String service, String withoutIt) {
    Consumer<String> problem =
        reason ->
            System.out.printf(
                "%n*** %s: Kafka at %s is not reachable (%s): %s ***%n%n",
                service, bootstrapServers, reason, withoutIt);
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "checkpoint-demo-" + service);
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    try {
      probe(bootstrapServers);
      try (Admin admin = Admin.create(adminConfig(config))) {
        admin.describeCluster().nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
          admin
              .createTopics(
                  List.of(new NewTopic(SHIPMENT_CREATED, Optional.empty(), Optional.empty())))
              .all()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      return Optional.of(config);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem.accept("interrupted");
      return Optional.empty();
    } catch (Exception e) {
      problem.accept(reason(e instanceof ExecutionException ? e.getCause() : e));
      return Optional.empty();
    }
  }

  /** The reason in words: {@code Connection refused}, not the exception's class name. */
  static String reason(Throwable problem) {
    return problem.getMessage() == null ? problem.getClass().getSimpleName() : problem.getMessage();
  }

  /** One retry: the cluster answered the probe, and the start must not wait on it for long. */
  private static Map<String, Object> adminConfig(Map<String, Object> config) {
    Map<String, Object> admin = new HashMap<>(config);
    admin.put(AdminClientConfig.RETRIES_CONFIG, 1);
    return admin;
  }

  /** Kafka's clients retry a closed port until their timeout; a plain connect says no at once. */
  private static void probe(String bootstrapServers) throws IOException {
    String first = bootstrapServers.split(",")[0].strip();
    int colon = first.lastIndexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException(
          "'" + bootstrapServers + "' is not host:port[,host:port...]");
    }
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
          TIMEOUT_MS);
    }
  }
}
