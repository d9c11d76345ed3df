package dev.checkpoint.demo;

import com.rabbitmq.client.Connection;
import dev.checkpoint.demo.internal.Database;
import dev.checkpoint.demo.internal.Instrumentation;
import dev.checkpoint.demo.internal.Rabbit;
import dev.checkpoint.demo.internal.Router;
import dev.checkpoint.demo.internal.ServiceLauncher;
import dev.checkpoint.demo.internal.Settings;
import dev.checkpoint.demo.internal.WebServer;
import dev.checkpoint.demo.internal.payments.FraudCheck;
import dev.checkpoint.demo.internal.payments.PaymentRequest;
import dev.checkpoint.demo.internal.payments.Payments;
import dev.checkpoint.demo.internal.payments.ShippingNotifier;
import java.net.http.HttpClient;
import java.util.Optional;

/**
 * The shop's payments service: {@code POST /payments} runs the fraud check, stores the payment and
 * answers 201, or 402 with the reason for a declined card; a paid order is published as {@code
 * order.paid} to RabbitMQ (exchange {@code shop}), or POSTed to shipping when RabbitMQ is not
 * reachable at start.
 *
 * <p>Settings: {@code --port} / {@code PORT} (default {@value #DEFAULT_PORT}), {@code --data-dir} /
 * {@code DEMO_DATA_DIR}, {@code --rabbitmq} / {@code DEMO_RABBITMQ_URI}, {@code --shipping-url} /
 * {@code DEMO_SHIPPING_URL}, and {@code --fee-cents} / {@code DEMO_PAYMENTS_FEE_CENTS} (default 0),
 * a fee added to the authorised amount stored with the payment: one value deep in the tree, to show
 * drift; and {@code --payment-id-prefix} / {@code DEMO_PAYMENTS_ID_PREFIX} (default none), put in
 * front of every payment id the service answers with: a change of what payments' consumer orders
 * receives, which breaks its contract.
 */
public final class PaymentsService implements AutoCloseable {
  /** The port when none is given. */
  public static final int DEFAULT_PORT = 17082;

  private final WebServer web;
  private final Optional<Connection> rabbit;

  private PaymentsService(WebServer web, Optional<Connection> rabbit) {
    this.web = web;
    this.rabbit = rabbit;
  }

  /**
   * Runs the service until the process is stopped.
   *
   * @param args {@code --port N}, {@code --data-dir DIR}, {@code --rabbitmq URI}, {@code
   *     --shipping-url URL}, {@code --fee-cents N}, {@code --payment-id-prefix TEXT}
   */
  public static void main(String[] args) {
    ServiceLauncher.launch("payments", args, PaymentsService::start);
  }

  /**
   * Starts the service.
   *
   * @param settings the settings
   * @param instrumentation records with Checkpoint, or not at all
   * @return the running service
   * @throws Exception when it cannot start
   */
  static PaymentsService start(Settings settings, Instrumentation instrumentation)
      throws Exception {
    Database database =
        Database.create(settings.dataDir(), "payments", Payments.SCHEMA, instrumentation);
    String uri = settings.rabbitMqUri();
    String shippingUrl =
        settings.get(
            "shipping-url",
            "DEMO_SHIPPING_URL",
            "http://127.0.0.1:" + ShippingService.DEFAULT_PORT);
    Optional<Connection> rabbit =
        Rabbit.connect(
            uri,
            "payments",
            problem ->
                System.out.printf(
                    "%n*** payments: RabbitMQ at %s is not reachable (%s): paid orders go to"
                        + " shipping over HTTP POST %s/shipments instead. ***%n%n",
                    Rabbit.describe(uri), problem, shippingUrl));
    ShippingNotifier notifier;
    if (rabbit.isPresent()) {
      notifier = ShippingNotifier.rabbitMq(instrumentation.channel(rabbit.get().createChannel()));
      System.out.printf(
          "*** payments: publishes '%s' to RabbitMQ exchange '%s' at %s ***%n",
          Rabbit.ORDER_PAID, Rabbit.EXCHANGE, Rabbit.describe(uri));
    } else {
      notifier =
          ShippingNotifier.http(
              instrumentation.httpClient(
                  HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()),
              shippingUrl);
    }
    int feeCents = settings.getInt("fee-cents", "DEMO_PAYMENTS_FEE_CENTS", 0);
    if (feeCents != 0) {
      System.out.printf(
          "*** payments: adds a fee of %d cents to authorised amounts ***%n", feeCents);
    }
    String idPrefix = settings.get("payment-id-prefix", "DEMO_PAYMENTS_ID_PREFIX", "");
    if (!idPrefix.isEmpty()) {
      System.out.printf("*** payments: payment ids start with '%s' ***%n", idPrefix);
    }
    Payments payments =
        new Payments(
            database,
            instrumentation.component(FraudCheck.class, FraudCheck.standard()),
            notifier,
            feeCents,
            idPrefix);
    Router router =
        new Router()
            .route(
                "POST",
                "/payments",
                request -> payments.authorise(request.body(PaymentRequest.class)));
    WebServer web = WebServer.start(settings.port(DEFAULT_PORT), instrumentation, router);
    System.out.println("payments listening on " + web.url());
    return new PaymentsService(web, rabbit);
  }

  /**
   * The base URL.
   *
   * @return such as {@code http://127.0.0.1:17082}
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
  }
}
