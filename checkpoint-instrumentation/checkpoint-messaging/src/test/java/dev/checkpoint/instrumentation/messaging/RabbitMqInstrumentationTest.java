package dev.checkpoint.instrumentation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.CancelCallback;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.AbstractMessagingInstrumentationTest;
import dev.checkpoint.instrumentation.testkit.MessagingTestClient;
import dev.checkpoint.instrumentation.testkit.ReplayRecordings;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publish and consume through the real RabbitMQ at 127.0.0.1:5672: the messaging test kit's
 * contract, and what only RabbitMQ has (properties, exchanges, {@code basicGet}, replay).
 */
class RabbitMqInstrumentationTest extends AbstractMessagingInstrumentationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Connection connection;

  private Channel raw;
  private String queue;

  @BeforeAll
  static void connect() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(5672);
    factory.setUsername("guest");
    factory.setPassword("guest");
    factory.setConnectionTimeout(3_000);
    connection =
        RequiredService.connect(
            "RabbitMQ at 127.0.0.1:5672 (guest/guest)",
            "Start it with: rabbitmq-server -detached",
            () -> factory.newConnection("checkpoint-messaging-test"));
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (connection != null) {
      connection.close(3_000);
    }
  }

  @BeforeEach
  void declareQueue() throws Exception {
    raw = connection.createChannel();
    queue = raw.queueDeclare().getQueue();
  }

  @AfterEach
  void closeChannel() throws Exception {
    // A consumer that throws makes the client close the channel itself.
    if (raw.isOpen()) {
      raw.close();
    }
  }

  @Override
  protected MessagingTestClient newClient(CheckpointRecorder recorder) throws Exception {
    return new RabbitMqTestClient(connection, recorder);
  }

  @Test
  void propertiesExchangeRoutingKeyAndQueueAreRecordedOnBothSides() throws Exception {
    CheckpointRecorder recorder = recorder(RecordingMode.ON);
    Channel channel = CheckpointChannel.wrap(raw, recorder);
    BlockingQueue<AMQP.BasicProperties> received = new ArrayBlockingQueue<>(1);
    channel.basicConsume(
        queue,
        true,
        new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            received.add(properties);
          }
        });

    channel.basicPublish(
        "",
        queue,
        new AMQP.BasicProperties.Builder().contentType("application/json").messageId("m-1").build(),
        "{\"orderId\":42}".getBytes(StandardCharsets.UTF_8));

    assertThat(received.poll(5, TimeUnit.SECONDS)).isNotNull();
    awaitCheckpoints(2);
    for (Kind kind : List.of(Kind.MESSAGE_PUBLISH, Kind.MESSAGE_CONSUME)) {
      JsonNode input = JSON.readTree(only(kind).input().json());
      assertThat(input.get("destination").asText()).isEqualTo(queue);
      assertThat(input.get("exchange").asText()).isEmpty();
      assertThat(input.get("routingKey").asText()).isEqualTo(queue);
      assertThat(input.get("properties").toString())
          .isEqualTo("{\"contentType\":\"application/json\",\"messageId\":\"m-1\"}");
    }
    assertThat(JSON.readTree(only(Kind.MESSAGE_CONSUME).input().json()).get("queue").asText())
        .isEqualTo(queue);
  }

  @Test
  void inReplayAPublishIsComparedWithTheRecordedOneAndNotSent(@TempDir Path dir) throws Exception {
    byte[] paid = "{\"orderId\":\"o-1\",\"amountCents\":9000}".getBytes(StandardCharsets.UTF_8);
    String key =
        ReplayRecordings.record(
            recorder(RecordingMode.ON),
            exporter,
            dir,
            () ->
                CheckpointChannel.wrap(raw, recorder(RecordingMode.ON))
                    .basicPublish("", queue, null, paid));
    assertThat(raw.basicGet(queue, true)).isNotNull();
    InMemoryExporter replayed = InMemoryExporter.create();
    CheckpointRecorder replayer =
        ReplayRecordings.replayer(
            PayloadCapture.create(Redaction.defaults(), PayloadCapture.DEFAULT_MAX_BYTES),
            replayed,
            dir);
    Channel channel = CheckpointChannel.wrap(raw, replayer);

    ReplayRecordings.replay(replayer, key, () -> channel.basicPublish("", queue, null, paid));
    Throwable[] unmatched = new Throwable[1];
    ReplayRecordings.replay(
        replayer,
        key,
        () ->
            unmatched[0] =
                catchThrowable(
                    () ->
                        channel.basicPublish(
                            "",
                            queue,
                            null,
                            "{\"orderId\":\"o-1\",\"amountCents\":9025}"
                                .getBytes(StandardCharsets.UTF_8))));

    assertThat(raw.basicGet(queue, true)).as("nothing is sent in replay").isNull();
    assertThat(unmatched[0])
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Unexpected MESSAGE call publish to '' with routing key")
        .hasMessageContaining("/body/amountCents");
    CheckpointData comparedPublish = replayed.checkpoints().get(0);
    assertThat(comparedPublish.kind()).isEqualTo(Kind.MESSAGE_PUBLISH);
    assertThat(comparedPublish.error()).isNull();
  }

  @Test
  void deliverCallbackRecordsTextBodiesAndErrors() throws Exception {
    CheckpointRecorder recorder = recorder(RecordingMode.ON);
    Channel channel = CheckpointChannel.wrap(raw, recorder);
    DeliverCallback failing =
        (tag, delivery) -> {
          throw new IllegalStateException(
              "cannot ship " + new String(delivery.getBody(), StandardCharsets.UTF_8));
        };
    CancelCallback ignored = tag -> {};
    channel.basicConsume(queue, true, failing, ignored);

    channel.basicPublish("", queue, null, "hello".getBytes(StandardCharsets.UTF_8));
    awaitCheckpoints(2);

    CheckpointData publish = only(Kind.MESSAGE_PUBLISH);
    CheckpointData consume = only(Kind.MESSAGE_CONSUME);
    assertThat(publish.parentId()).isNull();
    assertThat(consume.parentId()).isEqualTo(publish.id());
    assertThat(JSON.readTree(consume.input().json()).get("body").asText()).isEqualTo("hello");
    assertThat(consume.error().type()).isEqualTo(IllegalStateException.class.getName());
    assertThat(consume.error().message()).isEqualTo("cannot ship hello");
  }

  @Test
  void basicGetRecordsTheFetchedMessageInThePublishersTree() throws Exception {
    CheckpointRecorder recorder = recorder(RecordingMode.ON);
    Channel channel = CheckpointChannel.wrap(raw, recorder);
    AMQP.BasicProperties binary =
        new AMQP.BasicProperties.Builder().contentType("application/octet-stream").build();
    channel.basicPublish("", queue, binary, new byte[] {0, 1, 2, (byte) 255});

    GetResponse response = null;
    for (int attempt = 0; attempt < 50 && response == null; attempt++) {
      response = channel.basicGet(queue, true);
      if (response == null) {
        Thread.sleep(100);
      }
    }
    assertThat(response).isNotNull();
    assertThat(response.getBody()).containsExactly(0, 1, 2, 255);

    CheckpointData publish = only(Kind.MESSAGE_PUBLISH);
    CheckpointData consume = only(Kind.MESSAGE_CONSUME);
    assertThat(consume.parentId()).isEqualTo(publish.id());
    assertThat(JSON.readTree(consume.input().json()).get("body").toString())
        .isEqualTo("{\"base64\":\"AAEC/w==\"}");
  }
}
