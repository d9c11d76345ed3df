package dev.checkpoint.instrumentation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
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
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.CheckpointClock;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.core.propagation.W3cPropagation;
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

/** Publish and consume through the real RabbitMQ at 127.0.0.1:5672. */
class RabbitMqInstrumentationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Connection connection;

  private final InMemoryExporter exporter = InMemoryExporter.create();
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

  private CheckpointRecorder recorder(RecordingMode mode) {
    return CheckpointRecorder.builder().service("shop").mode(mode).exporter(exporter).build();
  }

  private CheckpointData only(Kind kind) {
    List<CheckpointData> matching =
        exporter.checkpoints().stream().filter(c -> c.kind() == kind).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private void awaitCheckpoints(int count) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(exporter.checkpoints()).hasSize(count));
  }

  @Test
  void consumerJoinsThePublishersTreeWithPropertiesHeadersAndRedactedJsonBody() throws Exception {
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
            try (ActiveCheckpoint ship = recorder.start(Kind.METHOD, "Shipping.ship", null)) {
              received.add(properties);
            }
          }
        });

    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .messageId("m-1")
            .headers(Map.of("tenant", "acme", "authorization", "Bearer secret"))
            .build();
    try (ActiveCheckpoint pay = recorder.start(Kind.METHOD, "Payments.pay", null)) {
      channel.basicPublish(
          "",
          queue,
          properties,
          "{\"orderId\":42,\"cardNumber\":\"4111111111111111\"}".getBytes(StandardCharsets.UTF_8));
    }

    AMQP.BasicProperties delivered = received.poll(5, TimeUnit.SECONDS);
    assertThat(delivered).isNotNull();
    assertThat(delivered.getHeaders()).containsKey("traceparent").containsKey("tenant");
    awaitCheckpoints(4);

    CheckpointData publish = only(Kind.MESSAGE_PUBLISH);
    CheckpointData consume = only(Kind.MESSAGE_CONSUME);
    CheckpointData pay =
        exporter.checkpoints().stream()
            .filter(c -> c.name().equals("Payments.pay"))
            .findFirst()
            .orElseThrow();
    CheckpointData ship =
        exporter.checkpoints().stream()
            .filter(c -> c.name().equals("Shipping.ship"))
            .findFirst()
            .orElseThrow();
    assertThat(publish.parentId()).isEqualTo(pay.id());
    assertThat(consume.parentId()).isEqualTo(publish.id());
    assertThat(ship.parentId()).isEqualTo(consume.id());
    assertThat(List.of(publish.traceId(), consume.traceId(), ship.traceId()))
        .containsOnly(pay.traceId());

    assertThat(publish.name()).isEqualTo("PUBLISH " + queue);
    assertThat(consume.name()).isEqualTo("CONSUME " + queue);
    JsonNode input = JSON.readTree(consume.input().json());
    assertThat(input.get("destination").asText()).isEqualTo(queue);
    assertThat(input.get("routingKey").asText()).isEqualTo(queue);
    assertThat(input.get("queue").asText()).isEqualTo(queue);
    assertThat(input.get("properties").toString())
        .isEqualTo("{\"contentType\":\"application/json\",\"messageId\":\"m-1\"}");
    assertThat(input.get("headers").get("tenant").asText()).isEqualTo("acme");
    assertThat(input.get("headers").get("authorization").asText()).isEqualTo("[REDACTED]");
    assertThat(input.get("headers").has("traceparent")).isFalse();
    assertThat(input.get("body").toString())
        .isEqualTo("{\"orderId\":42,\"cardNumber\":\"[REDACTED]\"}");
    assertThat(consume.redacted()).contains("input.body.cardNumber", "input.headers.authorization");
    JsonNode published = JSON.readTree(publish.input().json());
    assertThat(published.get("body")).isEqualTo(input.get("body"));
    assertThat(published.get("headers")).isEqualTo(input.get("headers"));
  }

  @Test
  void secretsInHeadersAndBodiesAreRecordedRedactedButDelivered() throws Exception {
    CheckpointRecorder recorder = recorder(RecordingMode.ON);
    Channel channel = CheckpointChannel.wrap(raw, recorder);
    BlockingQueue<String> received = new ArrayBlockingQueue<>(2);
    channel.basicConsume(
        queue,
        true,
        (tag, delivery) -> received.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
        tag -> {});
    String json =
        "{\"pin\":\"p-1111\",\"iban\":\"DE89370400440532013000\","
            + "\"note\":\"card 5500-0000-0000-0004\",\"callback\":\"/cb?api_key=k-2222\"}";
    String text = "login for ann; password: pw-3333; card 4111 1111 1111 1111";

    channel.basicPublish(
        "",
        queue,
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .headers(Map.of("X-Session-Id", "s-4444", "meta", "{\"otp\":\"o-5555\"}"))
            .build(),
        json.getBytes(StandardCharsets.UTF_8));
    channel.basicPublish(
        "",
        queue,
        new AMQP.BasicProperties.Builder().contentType("text/plain").build(),
        text.getBytes(StandardCharsets.UTF_8));

    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(json);
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(text);
    awaitCheckpoints(4);
    assertThat(exporter.checkpoints())
        .allSatisfy(
            checkpoint ->
                assertThat(checkpoint.input().json())
                    .contains("[REDACTED]")
                    .doesNotContain(
                        "p-1111", "DE8937", "5500", "k-2222", "pw-3333", "4111", "s-4444",
                        "o-5555"));
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

  @Test
  void onDemandRecordsOnlyMessagesOfARunAndCarriesTheRunIdToTheConsumer() throws Exception {
    CheckpointRecorder recorder = recorder(RecordingMode.ON_DEMAND);
    Channel channel = CheckpointChannel.wrap(raw, recorder);
    BlockingQueue<String> bodies = new ArrayBlockingQueue<>(2);
    channel.basicConsume(
        queue,
        true,
        (tag, delivery) -> bodies.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
        tag -> {});

    channel.basicPublish("", queue, null, "outside".getBytes(StandardCharsets.UTF_8));
    assertThat(bodies.poll(5, TimeUnit.SECONDS)).isEqualTo("outside");
    assertThat(exporter.checkpoints()).isEmpty();

    try (Scope ignored =
        W3cPropagation.extract(null, "checkpoint.run=nightly-9").orElseThrow().makeCurrent()) {
      channel.basicPublish("", queue, null, "inside".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(bodies.poll(5, TimeUnit.SECONDS)).isEqualTo("inside");
    awaitCheckpoints(2);
    assertThat(exporter.checkpoints()).extracting(CheckpointData::runId).containsOnly("nightly-9");
    assertThat(only(Kind.MESSAGE_CONSUME).parentId()).isEqualTo(only(Kind.MESSAGE_PUBLISH).id());
  }

  @Test
  void offRecordsNothingAndSendsTheMessageUnchanged() throws Exception {
    Channel channel = CheckpointChannel.wrap(raw, recorder(RecordingMode.OFF));
    BlockingQueue<AMQP.BasicProperties> received = new ArrayBlockingQueue<>(1);
    channel.basicConsume(
        queue,
        true,
        CheckpointChannel.wrap(
            new DefaultConsumer(channel) {
              @Override
              public void handleDelivery(
                  String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                received.add(properties);
              }
            },
            queue,
            recorder(RecordingMode.OFF)));
    channel.basicPublish("", queue, null, "quiet".getBytes(StandardCharsets.UTF_8));

    AMQP.BasicProperties delivered = received.poll(5, TimeUnit.SECONDS);
    assertThat(delivered).isNotNull();
    assertThat(delivered.getHeaders()).isNull();
    assertThat(exporter.checkpoints()).isEmpty();
  }
}
