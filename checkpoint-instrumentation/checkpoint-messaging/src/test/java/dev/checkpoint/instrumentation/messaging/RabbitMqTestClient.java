package dev.checkpoint.instrumentation.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.testkit.MessagingTestClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * RabbitMQ as the messaging test kit drives it: a server-named queue per client on the default
 * exchange, through a wrapped channel.
 */
final class RabbitMqTestClient implements MessagingTestClient {

  private final Channel channel;
  private final String queue;

  RabbitMqTestClient(Connection connection, Instrumenter recorder) throws Exception {
    Channel raw = connection.createChannel();
    this.queue = raw.queueDeclare().getQueue();
    this.channel = CheckpointChannel.wrap(raw, recorder);
  }

  @Override
  public String destination() {
    return queue;
  }

  @Override
  public void publish(Map<String, String> headers, byte[] body) throws Exception {
    channel.basicPublish(
        "", queue, new AMQP.BasicProperties.Builder().headers(Map.copyOf(headers)).build(), body);
  }

  @Override
  public void consume(Consumer<DeliveredMessage> handler) throws Exception {
    channel.basicConsume(
        queue,
        true,
        (tag, delivery) -> {
          Map<String, String> headers = new LinkedHashMap<>();
          Map<String, Object> sent = delivery.getProperties().getHeaders();
          if (sent != null) {
            sent.forEach((name, value) -> headers.put(name, String.valueOf(value)));
          }
          handler.accept(new DeliveredMessage(headers, delivery.getBody()));
        },
        tag -> {});
  }

  @Override
  public void close() throws Exception {
    if (channel.isOpen()) {
      channel.close();
    }
  }
}
