package dev.checkpoint.instrumentation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import com.rabbitmq.client.ShutdownSignalException;
import dev.checkpoint.CheckpointClock;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.instrumentation.testkit.AbstractMessagingInstrumentationTest;
import dev.checkpoint.instrumentation.testkit.MessagingTestClient;
import dev.checkpoint.instrumentation.testkit.ReplayRecordings;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    // A consumer that throws makes the client close the channel itself, maybe while we look.
    if (raw.isOpen()) {
      try {
        raw.close();
      } catch (ShutdownSignalException closedMeanwhile) {
        assertThat(raw.isOpen()).isFalse();
      }
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

    ReplayedPublishes.assertComparedAndNotSent(replayer, replayed, key, channel, raw, queue, paid);
  }

  /**
   * A consumer that reads the time and publishes a reply carrying it, then says what happened: in
   * replay both the time and the publish are answered from the recording.
   */
  private static DeliverCallback replying(
      Channel channel, String replies, BlockingQueue<String> handled) {
    return (tag, delivery) -> {
      try {
        Instant now = Instant.now(CheckpointClock.systemUtc());
        channel.basicPublish(
            "", replies, null, ("{\"shipped\":\"" + now + "\"}").getBytes(StandardCharsets.UTF_8));
        handled.add("shipped at " + now);
      } catch (IOException | RuntimeException e) {
        handled.add("failed: " + e.getMessage());
      }
    };
  }

  @Test
  void aRecordedMessageDeliveredAgainIsAnEntryAnsweredFromItsRecording(@TempDir Path dir)
      throws Exception {
    String replies = raw.queueDeclare().getQueue();
    // Not auto-deleted: it outlives the recording's consumer, for the replaying one.
    String inbox = raw.queueDeclare("", false, true, false, null).getQueue();
    byte[] paid = "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);
    AMQP.BasicProperties json =
        new AMQP.BasicProperties.Builder().contentType("application/json").build();
    BlockingQueue<String> handled = new ArrayBlockingQueue<>(2);
    CheckpointRecorder recording = recorder(RecordingMode.ON);
    InMemoryExporter replayed = InMemoryExporter.create();
    CheckpointRecorder replayer = null;
    try {
      // CheckpointClock reads the installed recorder, as in a service.
      Checkpoints.install(recording);
      Channel recordingChannel = CheckpointChannel.wrap(raw, recording);
      String consumer =
          recordingChannel.basicConsume(
              inbox, true, replying(recordingChannel, replies, handled), tag -> {});
      raw.basicPublish("", inbox, json, paid);
      String recordedOutcome = handled.poll(5, TimeUnit.SECONDS);
      awaitCheckpoints(2);
      recordingChannel.basicCancel(consumer);
      assertThat(recordedOutcome).startsWith("shipped at ");
      assertThat(raw.basicGet(replies, true)).as("the recording sent its reply").isNotNull();
      CheckpointData recordedConsume = only(Kind.MESSAGE_CONSUME);
      assertThat(recordedConsume.parentId()).as("the message is the root of its tree").isNull();
      String key = ReplayRecordings.writeAsset(exporter, dir);

      replayer =
          ReplayRecordings.replayer(
              PayloadCapture.create(Redaction.defaults(), PayloadCapture.DEFAULT_MAX_BYTES),
              replayed,
              dir);
      Checkpoints.install(replayer);
      Channel replayingChannel = CheckpointChannel.wrap(raw, replayer);
      replayingChannel.basicConsume(
          inbox, true, replying(replayingChannel, replies, handled), tag -> {});
      // Delivered again as checkpoint replay delivers a MESSAGE_CONSUME entry: the recorded
      // message, in a new tree of the replay run, naming its recording.
      String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      raw.basicPublish(
          "",
          inbox,
          json.builder()
              .headers(
                  Map.of(
                      "traceparent",
                      "00-" + traceId + "-00f067aa0ba902b7-01",
                      Baggage.HEADER,
                      Baggage.empty()
                          .with(Baggage.RUN_KEY, "replay-1")
                          .with(Baggage.REPLAY_KEY, key)
                          .format()))
              .build(),
          paid);

      assertThat(handled.poll(5, TimeUnit.SECONDS))
          .as("the time read in replay is the recorded one")
          .isEqualTo(recordedOutcome);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(replayed.checkpoints()).hasSize(2));
      assertThat(raw.basicGet(replies, true)).as("the reply is compared, not sent").isNull();
      CheckpointData consume =
          replayed.checkpoints().stream()
              .filter(c -> c.kind() == Kind.MESSAGE_CONSUME)
              .findFirst()
              .orElseThrow();
      CheckpointData publish =
          replayed.checkpoints().stream()
              .filter(c -> c.kind() == Kind.MESSAGE_PUBLISH)
              .findFirst()
              .orElseThrow();
      assertThat(consume.traceId()).isEqualTo(traceId);
      assertThat(consume.runId()).isEqualTo("replay-1");
      assertThat(consume.error()).isNull();
      assertThat(publish.parentId()).isEqualTo(consume.id());
      assertThat(publish.error()).as("the reply matches the recorded one").isNull();
      assertThat(JSON.readTree(publish.input().json()).path("body"))
          .isEqualTo(
              JSON.readTree(
                      exporter.checkpoints().stream()
                          .filter(c -> c.kind() == Kind.MESSAGE_PUBLISH)
                          .findFirst()
                          .orElseThrow()
                          .input()
                          .json())
                  .path("body"));
    } finally {
      raw.queueDelete(inbox);
      Checkpoints.uninstall(recording);
      if (replayer != null) {
        Checkpoints.uninstall(replayer);
      }
    }
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
