package dev.checkpoint.demo;

import dev.checkpoint.demo.internal.Database;
import dev.checkpoint.demo.internal.Instrumentation;
import dev.checkpoint.demo.internal.Kafka;
import dev.checkpoint.demo.internal.Redis;
import dev.checkpoint.demo.internal.Reply;
import dev.checkpoint.demo.internal.Router;
import dev.checkpoint.demo.internal.ServiceLauncher;
import dev.checkpoint.demo.internal.Settings;
import dev.checkpoint.demo.internal.WebServer;
import dev.checkpoint.demo.internal.orders.OrderRequest;
import dev.checkpoint.demo.internal.orders.Orders;
import dev.checkpoint.demo.internal.orders.PriceCache;
import dev.checkpoint.demo.internal.orders.PricingService;
import dev.checkpoint.demo.internal.orders.ShipmentListener;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import redis.clients.jedis.JedisPooled;

/**
 * The shop's orders service: {@code POST /orders {"productId", "quantity", "cardNumber"}} prices
 * the order (product prices cached in Redis), stores it, has payments authorise it and answers 201
 * with the paid order (402 when the card is declined, 404 for an unknown product); {@code GET
 * /orders/{id}} shows an order, marked shipped once shipping's {@code shipment.created} event has
 * come from Kafka.
 *
 * <p>Settings: {@code --port} / {@code PORT} (default {@value #DEFAULT_PORT}), {@code --data-dir} /
 * {@code DEMO_DATA_DIR}, {@code --payments-url} / {@code DEMO_PAYMENTS_URL}, {@code --redis} /
 * {@code DEMO_REDIS_URL}, {@code --kafka} / {@code DEMO_KAFKA_BOOTSTRAP_SERVERS}, and {@code
 * --card-surcharge-cents} / {@code DEMO_ORDERS_CARD_SURCHARGE_CENTS} (default 0), a surcharge added
 * to the amount orders asks payments to authorise but not to the order's total: a change of the
 * body orders sends to payments, which a replay of orders reports as a call the recording does not
 * answer.
 */
public final class OrdersService implements AutoCloseable {
  /** The port when none is given. */
  public static final int DEFAULT_PORT = 17081;

  private final WebServer web;
  private final Optional<JedisPooled> redis;
  private final Optional<ShipmentListener> shipments;

  private OrdersService(
      WebServer web, Optional<JedisPooled> redis, Optional<ShipmentListener> shipments) {
    this.web = web;
    this.redis = redis;
    this.shipments = shipments;
  }

  /**
   * Runs the service until the process is stopped.
   *
   * @param args {@code --port N}, {@code --data-dir DIR}, {@code --payments-url URL}, {@code
   *     --redis URL}, {@code --kafka HOST:PORT}, {@code --card-surcharge-cents N}
   */
  public static void main(String[] args) {
    ServiceLauncher.launch("orders", args, OrdersService::start);
  }

  /**
   * Starts the service.
   *
   * @param settings the settings
   * @param instrumentation records with Checkpoint, or not at all
   * @return the running service
   * @throws Exception when it cannot start
   */
  static OrdersService start(Settings settings, Instrumentation instrumentation) throws Exception {
    Database database =
        Database.create(settings.dataDir(), "orders", Orders.SCHEMA, instrumentation);
    HttpClient http =
        instrumentation.httpClient(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    int surchargeCents =
        settings.getInt("card-surcharge-cents", "DEMO_ORDERS_CARD_SURCHARGE_CENTS", 0);
    if (surchargeCents != 0) {
      System.out.printf(
          "*** orders: asks payments for a card surcharge of %d cents ***%n", surchargeCents);
    }
    String redisUrl = settings.redisUrl();
    Optional<JedisPooled> redis =
        Redis.connect(
            redisUrl,
            instrumentation,
            problem ->
                System.out.printf(
                    "%n*** orders: Redis at %s is not reachable (%s): prices are read from SQL"
                        + " every time. ***%n%n",
                    Redis.describe(redisUrl), problem));
    redis.ifPresent(
        client ->
            System.out.printf(
                "*** orders: caches prices in Redis at %s for %d s ***%n",
                Redis.describe(redisUrl), PriceCache.TTL_SECONDS));
    PriceCache cache = redis.map(PriceCache::redis).orElseGet(PriceCache::none);
    Orders orders =
        new Orders(
            database,
            instrumentation.component(
                PricingService.class, PricingService.catalogue(database, cache)),
            http,
            settings.get(
                "payments-url",
                "DEMO_PAYMENTS_URL",
                "http://127.0.0.1:" + PaymentsService.DEFAULT_PORT),
            surchargeCents);
    Router router =
        new Router()
            .route("POST", "/orders", request -> orders.place(request.body(OrderRequest.class)))
            .route(
                "GET",
                "/orders/{id}",
                request -> {
                  String id = request.parameter("id");
                  return orders
                      .find(id)
                      .<Reply>map(Reply::ok)
                      .orElseGet(() -> Reply.error(404, "unknown_order", "No order " + id));
                });
    Optional<ShipmentListener> shipments = listen(settings, instrumentation, orders);
    WebServer web = WebServer.start(settings.port(DEFAULT_PORT), instrumentation, router);
    System.out.println("orders listening on " + web.url());
    return new OrdersService(web, redis, shipments);
  }

  /** Reads {@code shipment.created} from Kafka, when it is reachable at start. */
  private static Optional<ShipmentListener> listen(
      Settings settings, Instrumentation instrumentation, Orders orders) {
    String servers = settings.kafkaBootstrapServers();
    Optional<Map<String, Object>> kafka =
        Kafka.connect(servers, "orders", "orders are not marked shipped.");
    if (kafka.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> config = new HashMap<>(kafka.get());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    System.out.printf(
        "*** orders: reads '%s' from Kafka at %s ***%n", Kafka.SHIPMENT_CREATED, servers);
    return Optional.of(
        ShipmentListener.start(
            instrumentation.kafkaConsumer(
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())),
            orders));
  }

  /**
   * The base URL.
   *
   * @return such as {@code http://127.0.0.1:17081}
   */
  public String url() {
    return web.url();
  }

  @Override
  public void close() throws Exception {
    web.close();
    if (shipments.isPresent()) {
      shipments.get().close();
    }
    redis.ifPresent(JedisPooled::close);
  }
}
