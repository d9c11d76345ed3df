package dev.checkpoint.demo.internal;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.Optional;
import java.util.function.Consumer;

/** The shop's RabbitMQ topology: a topic exchange {@value #EXCHANGE} with {@value #ORDER_PAID}. */
public final class Rabbit {
  /** The exchange payments publishes to. */
  public static final String EXCHANGE = "shop";

  /** The routing key of a paid order. */
  public static final String ORDER_PAID = "order.paid";

  private Rabbit() {}

  /**
   * Connects, or says why not.
   *
   * @param uri such as {@code amqp://guest:guest@127.0.0.1:5672}
   * @param service the connecting service, shown in the broker
   * @param problem receives the reason when there is no connection
   * @return the connection, or empty when RabbitMQ is not reachable
   */
  public static Optional<Connection> connect(String uri, String service, Consumer<String> problem) {
    try {
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(uri);
      factory.setConnectionTimeout(2_000);
      Connection connection = factory.newConnection("checkpoint-demo-" + service);
      try (var channel = connection.createChannel()) {
        channel.exchangeDeclare(EXCHANGE, "topic", false);
      }
      return Optional.of(connection);
    } catch (Exception e) {
      problem.accept(e.toString());
      return Optional.empty();
    }
  }

  /** Where the broker is, without the password. */
  public static String describe(String uri) {
    return uri.replaceAll("//[^@/]*@", "//");
  }
}
