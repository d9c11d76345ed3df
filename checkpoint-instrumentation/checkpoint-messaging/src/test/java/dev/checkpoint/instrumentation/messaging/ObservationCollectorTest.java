package dev.checkpoint.instrumentation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.ReplayRecordings;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RabbitMqRecording#observationCollector} on the real RabbitMQ at 127.0.0.1:5672: the
 * connections of a factory record without any channel being wrapped.
 */
class ObservationCollectorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryExporter exporter = InMemoryExporter.create();
  private final CheckpointRecorder recorder =
      CheckpointRecorder.builder()
          .service("shop")
          .mode(RecordingMode.ON)
          .exporter(exporter)
          .build();
  private final List<Connection> connections = new ArrayList<>();

  private Channel connect(RabbitMqRecording recording, boolean recordConsumers) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(5672);
    factory.setConnectionTimeout(3_000);
    factory.setObservationCollector(
        recordConsumers
            ? recording.observationCollector()
            : recording.observationCollector(consumer -> false));
    Connection connection =
        RequiredService.connect(
            "RabbitMQ at 127.0.0.1:5672 (guest/guest)",
            "Start it with: rabbitmq-server -detached",
            () -> factory.newConnection("checkpoint-observation-collector-test"));
    connections.add(connection);
    return connection.createChannel();
  }

  @AfterEach
  void close() throws Exception {
    for (Connection connection : connections) {
      connection.close(3_000);
    }
  }

  @Test
  void publishAndDeliveryOnAPlainChannelFormOneTree() throws Exception {
    Channel channel = connect(RabbitMqRecording.create(recorder), true);
    String queue = channel.queueDeclare().getQueue();
    BlockingQueue<Map<String, Object>> received = new ArrayBlockingQueue<>(1);
    channel.basicConsume(
        queue,
        true,
        new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            try (ActiveCheckpoint ship = recorder.start(Kind.METHOD, "Shipping.ship", null)) {
              received.add(properties.getHeaders());
            }
          }
        });

    try (ActiveCheckpoint pay = recorder.start(Kind.METHOD, "Payments.pay", null)) {
      channel.basicPublish(
          "",
          queue,
          new AMQP.BasicProperties.Builder().contentType("application/json").build(),
          "{\"orderId\":42,\"password\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8));
    }

    assertThat(received.poll(5, TimeUnit.SECONDS)).containsKey("traceparent");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(exporter.checkpoints()).hasSize(4));
    CheckpointData pay = named("Payments.pay");
    CheckpointData publish = named("PUBLISH " + queue);
    CheckpointData consume = named("CONSUME " + queue);
    CheckpointData ship = named("Shipping.ship");
    assertThat(publish.parentId()).isEqualTo(pay.id());
    assertThat(consume.parentId()).isEqualTo(publish.id());
    assertThat(ship.parentId()).isEqualTo(consume.id());
    JsonNode body = JSON.readTree(consume.input().json()).get("body");
    assertThat(body.toString()).isEqualTo("{\"orderId\":42,\"password\":\"[REDACTED]\"}");
  }

  @Test
  void consumersLeftToTheirFrameworkAreNotRecordedButFetchesAre() throws Exception {
    Channel channel = connect(RabbitMqRecording.create(recorder), false);
    String queue = channel.queueDeclare().getQueue();
    BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
    channel.basicPublish("", queue, null, "first".getBytes(StandardCharsets.UTF_8));
    GetResponse fetched =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> channel.basicGet(queue, true), r -> r != null);
    channel.basicConsume(
        queue,
        true,
        (tag, delivery) -> received.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
        tag -> {});
    channel.basicPublish("", queue, null, "second".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(fetched.getBody(), StandardCharsets.UTF_8)).isEqualTo("first");
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("second");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(exporter.checkpoints()).hasSize(3));
    assertThat(exporter.checkpoints().stream().map(CheckpointData::kind).toList())
        .containsExactlyInAnyOrder(
            Kind.MESSAGE_PUBLISH, Kind.MESSAGE_CONSUME, Kind.MESSAGE_PUBLISH);
    assertThat(named("CONSUME " + queue).input().json()).contains("\"first\"");
  }

  @Test
  void offRecordsNothingAndSendsNoHeaders() throws Exception {
    recorder.control().set(RecordingMode.OFF, null);
    Channel channel = connect(RabbitMqRecording.create(recorder), true);
    String queue = channel.queueDeclare().getQueue();

    channel.basicPublish("", queue, null, "quiet".getBytes(StandardCharsets.UTF_8));

    GetResponse fetched =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> channel.basicGet(queue, true), r -> r != null);
    assertThat(fetched.getProps().getHeaders()).isNull();
    assertThat(exporter.checkpoints()).isEmpty();
  }

  @Test
  void inReplayAPublishIsComparedWithTheRecordedOneAndNotSent(@TempDir Path dir) throws Exception {
    Channel channel = connect(RabbitMqRecording.create(recorder), true);
    String queue = channel.queueDeclare().getQueue();
    byte[] paid = "{\"orderId\":\"o-1\",\"amountCents\":9000}".getBytes(StandardCharsets.UTF_8);
    String key =
        ReplayRecordings.record(
            recorder, exporter, dir, () -> channel.basicPublish("", queue, null, paid));
    assertThat(
            await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> channel.basicGet(queue, true), r -> r != null))
        .isNotNull();
    InMemoryExporter replayed = InMemoryExporter.create();
    CheckpointRecorder replayer =
        ReplayRecordings.replayer(
            PayloadCapture.create(Redaction.defaults(), PayloadCapture.DEFAULT_MAX_BYTES),
            replayed,
            dir);
    Channel replaying = connect(RabbitMqRecording.create(replayer), true);

    ReplayedPublishes.assertComparedAndNotSent(
        replayer, replayed, key, replaying, channel, queue, paid);
  }

  private CheckpointData named(String name) {
    List<CheckpointData> matching =
        exporter.checkpoints().stream().filter(c -> c.name().equals(name)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
