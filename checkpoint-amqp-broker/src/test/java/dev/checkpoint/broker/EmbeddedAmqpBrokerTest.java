package dev.checkpoint.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The embedded broker, through RabbitMQ's own Java client. */
class EmbeddedAmqpBrokerTest {

  @Test
  void routesATopicMessageWithItsPropertiesAndHeadersLikeRabbitMq() throws Exception {
    try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start();
        Connection connection = factory(broker).newConnection("embedded-broker-test");
        Channel channel = connection.createChannel()) {
      assertThat(broker.uri()).hasToString("amqp://guest:guest@127.0.0.1:" + broker.port());
      channel.exchangeDeclare("shop", "topic", false);
      String queue = channel.queueDeclare("orders.paid", false, true, true, null).getQueue();
      channel.queueBind(queue, "shop", "order.*");
      AMQP.BasicProperties properties =
          new AMQP.BasicProperties.Builder()
              .contentType("application/json")
              .deliveryMode(1)
              .headers(
                  Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
              .build();

      channel.basicPublish("shop", "order.paid", properties, bytes("{\"orderId\": \"o-1\"}"));
      channel.basicPublish("shop", "invoice.sent", properties, bytes("{}"));

      GetResponse message =
          await()
              .atMost(Duration.ofSeconds(5))
              .until(() -> channel.basicGet(queue, true), Objects::nonNull);
      assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
          .isEqualTo("{\"orderId\": \"o-1\"}");
      assertThat(message.getEnvelope().getExchange()).isEqualTo("shop");
      assertThat(message.getEnvelope().getRoutingKey()).isEqualTo("order.paid");
      assertThat(message.getProps().getContentType()).isEqualTo("application/json");
      assertThat(message.getProps().getDeliveryMode()).isEqualTo(1);
      assertThat(message.getProps().getHeaders())
          .extractingByKey("traceparent")
          .hasToString("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
      assertThat(channel.messageCount(queue)).as("invoice.sent is not bound").isZero();
    }
  }

  @Test
  void closingStopsListeningAndDeletesTheWorkDirectory() throws Exception {
    EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start();
    EmbeddedAmqpBroker other = EmbeddedAmqpBroker.start();
    try {
      assertThat(other.port()).as("each on its own free port").isNotEqualTo(broker.port());
    } finally {
      other.close();
    }
    broker.close();
    broker.close();

    assertThatThrownBy(() -> factory(broker).newConnection().close())
        .isInstanceOf(ConnectException.class);
    try (Stream<Path> left =
        Files.list(Path.of(System.getProperty("java.io.tmpdir")))
            .filter(p -> p.getFileName().toString().startsWith("checkpoint-amqp-broker-"))) {
      assertThat(left).isEmpty();
    }
  }

  private static ConnectionFactory factory(EmbeddedAmqpBroker broker) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(broker.uri());
    factory.setConnectionTimeout(2_000);
    return factory;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
