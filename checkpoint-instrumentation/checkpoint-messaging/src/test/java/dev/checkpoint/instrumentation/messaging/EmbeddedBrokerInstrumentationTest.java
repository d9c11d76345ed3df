package dev.checkpoint.instrumentation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.broker.EmbeddedAmqpBroker;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Publish and consume through the embedded broker ({@code checkpoint-amqp-broker}, Qpid Broker-J)
 * that the demo uses when RabbitMQ is absent: the same checkpoints as through RabbitMQ, whose tests
 * are {@link RabbitMqInstrumentationTest}.
 */
class EmbeddedBrokerInstrumentationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void recordsATopicPublishAndItsConsumeInOneTree() throws Exception {
    InMemoryExporter exporter = InMemoryExporter.create();
    CheckpointRecorder recorder =
        CheckpointRecorder.builder()
            .service("shop")
            .mode(RecordingMode.ON)
            .exporter(exporter)
            .build();
    try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start()) {
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(broker.uri());
      try (Connection connection = factory.newConnection("embedded-broker-instrumentation")) {
        Channel channel = CheckpointChannel.wrap(connection.createChannel(), recorder);
        channel.exchangeDeclare("shop", "topic", false);
        String queue =
            channel.queueDeclare("shipping.order-paid", false, true, true, null).getQueue();
        channel.queueBind(queue, "shop", "order.paid");
        DeliverCallback ship = (tag, delivery) -> {};
        channel.basicConsume(queue, true, ship, tag -> {});

        try (ActiveCheckpoint pay = recorder.start(Kind.METHOD, "Payments.pay", null)) {
          channel.basicPublish(
              "shop",
              "order.paid",
              new AMQP.BasicProperties.Builder()
                  .contentType("application/json")
                  .deliveryMode(1)
                  .build(),
              "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8));
        }

        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(exporter.checkpoints()).hasSize(3));
      }
    }
    CheckpointData pay = only(exporter, Kind.METHOD);
    CheckpointData publish = only(exporter, Kind.MESSAGE_PUBLISH);
    CheckpointData consume = only(exporter, Kind.MESSAGE_CONSUME);
    assertThat(publish.parentId()).isEqualTo(pay.id());
    assertThat(consume.parentId()).isEqualTo(publish.id());
    assertThat(consume.traceId()).isEqualTo(pay.traceId());
    assertThat(publish.name()).isEqualTo("PUBLISH shop");
    assertThat(consume.name()).isEqualTo("CONSUME shipping.order-paid");
    JsonNode input = JSON.readTree(consume.input().json());
    assertThat(input.get("exchange").asText()).isEqualTo("shop");
    assertThat(input.get("routingKey").asText()).isEqualTo("order.paid");
    assertThat(input.get("queue").asText()).isEqualTo("shipping.order-paid");
    assertThat(input.get("properties").toString())
        .isEqualTo("{\"contentType\":\"application/json\",\"deliveryMode\":1}");
    assertThat(input.get("headers").toString()).as("trace context is not payload").isEqualTo("{}");
    assertThat(input.get("body").toString()).isEqualTo("{\"orderId\":\"o-1\"}");
  }

  private static CheckpointData only(InMemoryExporter exporter, Kind kind) {
    return exporter.checkpoints().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
  }
}
