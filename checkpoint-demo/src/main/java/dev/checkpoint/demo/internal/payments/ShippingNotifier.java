package dev.checkpoint.demo.internal.payments;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.checkpoint.demo.internal.Json;
import dev.checkpoint.demo.internal.OrderPaid;
import dev.checkpoint.demo.internal.Rabbit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Tells shipping that an order is paid: by a RabbitMQ message, or over HTTP without RabbitMQ. */
public interface ShippingNotifier {

  /**
   * Sends the notice.
   *
   * @param paid the paid order
   * @throws IOException when it cannot be sent
   */
  void orderPaid(OrderPaid paid) throws IOException;

  /**
   * Publishes {@code order.paid} to the {@code shop} exchange.
   *
   * @param channel a (recording) channel used by nothing else
   * @return the notifier
   */
  static ShippingNotifier rabbitMq(Channel channel) {
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(1).build();
    return paid -> {
      // A channel must not be used by two threads at once.
      synchronized (channel) {
        channel.basicPublish(Rabbit.EXCHANGE, Rabbit.ORDER_PAID, properties, Json.bytes(paid));
      }
    };
  }

  /**
   * POSTs the notice to shipping's {@code /shipments}.
   *
   * @param client a (recording) HTTP client
   * @param shippingUrl shipping's base URL
   * @return the notifier
   */
  static ShippingNotifier http(HttpClient client, String shippingUrl) {
    URI uri = URI.create(shippingUrl + "/shipments");
    return paid -> {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(paid)))
              .build();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
          throw new IOException(
              "shipping answered " + response.statusCode() + ": " + response.body());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while notifying shipping", e);
      }
    };
  }
}
