package dev.checkpoint.demo;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.checkpoint.demo.internal.Database;
import dev.checkpoint.demo.internal.Instrumentation;
import dev.checkpoint.demo.internal.Json;
import dev.checkpoint.demo.internal.Kafka;
import dev.checkpoint.demo.internal.OrderPaid;
import dev.checkpoint.demo.internal.Rabbit;
import dev.checkpoint.demo.internal.Reply;
import dev.checkpoint.demo.internal.Router;
import dev.checkpoint.demo.internal.ServiceLauncher;
import dev.checkpoint.demo.internal.Settings;
import dev.checkpoint.demo.internal.WebServer;
import dev.checkpoint.demo.internal.shipping.ShipmentEvents;
import dev.checkpoint.demo.internal.shipping.ShipmentPlanner;
import dev.checkpoint.demo.internal.shipping.Shipments;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The shop's shipping service: consumes {@code order.paid} from RabbitMQ (exchange {@code shop}),
 * plans the shipment, stores it and publishes {@code shipment.created} to Kafka (nothing when Kafka
 * is not reachable at start); {@code POST /shipments} takes the same message over HTTP, for when
 * RabbitMQ is not there; {@code GET /shipments/{orderId}} shows a shipment.
 *
 * <p>Settings: {@code --port} / {@code PORT} (default {@value #DEFAULT_PORT}), {@code --data-dir} /
 * {@code DEMO_DATA_DIR}, {@code --rabbitmq} / {@code DEMO_RABBITMQ_URI}, {@code --kafka} / {@code
 * DEMO_KAFKA_BOOTSTRAP_SERVERS}; Checkpoint itself by {@code CHECKPOINT_*} variables.
 */
public final class ShippingService implements AutoCloseable {
  /** The port when none is given. */
  public static final int DEFAULT_PORT = 17083;

  /** The queue shipping consumes {@code order.paid} from. */
  public static final String QUEUE = "shipping.order-paid";

  private final WebServer web;
  private final Optional<Connection> rabbit;
  private final ShipmentEvents events;

  private ShippingService(WebServer web, Optional<Connection> rabbit, ShipmentEvents events) {
    this.web = web;
    this.rabbit = rabbit;
    this.events = events;
  }

  /**
   * Runs the service until the process is stopped.
   *
   * @param args {@code --port N}, {@code --data-dir DIR}, {@code --rabbitmq URI}, {@code --kafka
   *     HOST:PORT}
   */
  public static void main(String[] args) {
    ServiceLauncher.launch("shipping", args, ShippingService::start);
  }

  /**
   * Starts the service: consuming first, so no message published once it answers is missed.
   *
   * @param settings the settings
   * @param instrumentation records with Checkpoint, or not at all
   * @return the running service
   * @throws Exception when it cannot start
   */
  static ShippingService start(Settings settings, Instrumentation instrumentation)
      throws Exception {
    Database database =
        Database.create(settings.dataDir(), "shipping", Shipments.SCHEMA, instrumentation);
    ShipmentEvents events = events(settings, instrumentation);
    Shipments shipments =
        new Shipments(
            database,
            instrumentation.component(ShipmentPlanner.class, ShipmentPlanner.standard()),
            events);
    String uri = settings.rabbitMqUri();
    Optional<Connection> rabbit =
        Rabbit.connect(
            uri,
            "shipping",
            problem ->
                System.out.printf(
                    "%n*** shipping: RabbitMQ at %s is not reachable (%s): paid orders arrive"
                        + " only by HTTP POST /shipments. ***%n%n",
                    Rabbit.describe(uri), problem));
    if (rabbit.isPresent()) {
      consume(rabbit.get(), instrumentation, shipments);
      System.out.printf(
          "*** shipping: consuming '%s' from RabbitMQ exchange '%s' at %s ***%n",
          Rabbit.ORDER_PAID, Rabbit.EXCHANGE, Rabbit.describe(uri));
    }
    Router router =
        new Router()
            .route(
                "POST",
                "/shipments",
                request -> Reply.created(shipments.ship(request.body(OrderPaid.class))))
            .route(
                "GET",
                "/shipments/{orderId}",
                request -> {
                  String orderId = request.parameter("orderId");
                  return shipments
                      .find(orderId)
                      .map(Reply::ok)
                      .orElseGet(
                          () ->
                              Reply.error(
                                  404, "unknown_shipment", "No shipment for order " + orderId));
                });
    WebServer web = WebServer.start(settings.port(DEFAULT_PORT), instrumentation, router);
    System.out.println("shipping listening on " + web.url());
    return new ShippingService(web, rabbit, events);
  }

  /** {@code shipment.created} to Kafka, or nothing when Kafka is not reachable at start. */
  private static ShipmentEvents events(Settings settings, Instrumentation instrumentation) {
    String servers = settings.kafkaBootstrapServers();
    Optional<Map<String, Object>> kafka =
        Kafka.connect(servers, "shipping", "no '" + Kafka.SHIPMENT_CREATED + "' events.");
    if (kafka.isEmpty()) {
      return ShipmentEvents.none();
    }
    Map<String, Object> config = new HashMap<>(kafka.get());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    System.out.printf(
        "*** shipping: publishes '%s' to Kafka at %s ***%n", Kafka.SHIPMENT_CREATED, servers);
    return ShipmentEvents.kafka(
        instrumentation.kafkaProducer(
            new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())));
  }

  /**
   * An exclusive queue, gone with the connection: no old message is delivered at start, and a
   * second shipping on the same broker fails to start instead of taking half the messages. Its
   * fixed name is part of the recorded checkpoint name.
   */
  private static void consume(
      Connection connection, Instrumentation instrumentation, Shipments shipments)
      throws Exception {
    Channel channel = instrumentation.channel(connection.createChannel());
    String queue = channel.queueDeclare(QUEUE, false, true, true, null).getQueue();
    channel.queueBind(queue, Rabbit.EXCHANGE, Rabbit.ORDER_PAID);
    channel.basicConsume(
        queue,
        true,
        (tag, delivery) -> {
          try {
            shipments.ship(Json.read(delivery.getBody(), OrderPaid.class));
          } catch (Exception e) {
            // Keep consuming: a consumer that throws gets its channel closed by the client.
            System.err.println(
                "shipping: cannot ship "
                    + new String(delivery.getBody(), StandardCharsets.UTF_8)
                    + ": "
                    + e);
          }
        },
        tag -> {});
  }

  /**
   * The base URL.
   *
   * @return such as {@code http://127.0.0.1:17083}
   */
  public String url() {
    return web.url();
  }

  @Override
  public void close() throws Exception {
    web.close();
    if (rabbit.isPresent()) {
      rabbit.get().close(2_000);
    }
    events.close();
  }
}
