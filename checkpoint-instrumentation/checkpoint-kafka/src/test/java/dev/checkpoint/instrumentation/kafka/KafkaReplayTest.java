package dev.checkpoint.instrumentation.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.checkpoint.Kind;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.core.replay.ReplayMismatchException;
import dev.checkpoint.instrumentation.testkit.ReplayRecordings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka sends answered from a recording made against a real broker: the recorded metadata comes
 * back, nothing reaches the broker, and a changed send is answered (service replay) or fails with
 * what changed (JUnit replay).
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaReplayTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final PayloadCapture CAPTURE =
      PayloadCapture.create(Redaction.defaults(), 64 * 1024);
  private static final String PAID = "{\"orderId\":\"o-1\",\"amountCents\":9000}";
  private static final String CHANGED = "{\"orderId\":\"o-1\",\"amountCents\":9025}";

  @TempDir Path dir;
  private EmbeddedKafkaBroker kafka;
  private String topic;
  private String key;
  private final InMemoryExporter replayed = InMemoryExporter.create();

  @BeforeEach
  void record(EmbeddedKafkaBroker kafka) throws Exception {
    this.kafka = kafka;
    topic = KafkaTestClient.newTopic(kafka);
    InMemoryExporter recorded = InMemoryExporter.create();
    CheckpointRecorder recorder = recorder(recorded);
    try (Producer<String, byte[]> producer =
        CheckpointKafka.wrap(KafkaTestClient.producer(kafka, Map.of()), recorder)) {
      key = ReplayRecordings.record(recorder, recorded, dir, () -> send(producer, PAID).get());
    }
  }

  /* Records as the service that ReplayRecordings' replayer replays, so that keys compare. */
  private static CheckpointRecorder recorder(InMemoryExporter exporter) {
    return CheckpointRecorder.builder()
        .service("client-under-test")
        .mode(RecordingMode.ON)
        .capture(CAPTURE)
        .exporter(exporter)
        .build();
  }

  private Future<RecordMetadata> send(Producer<String, byte[]> producer, String value) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, "o-1", value.getBytes(StandardCharsets.UTF_8));
    record.headers().add(new RecordHeader("event", "shipment.created".getBytes()));
    return producer.send(record);
  }

  private long recordsOnTheBroker() {
    try (KafkaConsumer<String, byte[]> consumer = KafkaTestClient.consumer(kafka, topic)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      return consumer.endOffsets(List.of(partition), WAIT).get(partition);
    }
  }

  @Test
  void aServiceInReplayGetsTheRecordedMetadataAndAChangedValueIsAnsweredAndRecorded()
      throws Exception {
    CheckpointRecorder replayer = ReplayRecordings.replayer(CAPTURE, replayed, dir);
    AtomicReference<RecordMetadata> same = new AtomicReference<>();
    AtomicReference<RecordMetadata> changed = new AtomicReference<>();
    AtomicReference<Throwable> otherTopic = new AtomicReference<>();
    try (Producer<String, byte[]> producer =
        CheckpointKafka.wrap(KafkaTestClient.producer(kafka, Map.of()), replayer)) {
      ReplayRecordings.replay(replayer, key, () -> same.set(send(producer, PAID).get()));
      ReplayRecordings.replay(replayer, key, () -> changed.set(send(producer, CHANGED).get()));
      ReplayRecordings.replay(
          replayer,
          key,
          () ->
              otherTopic.set(
                  catchThrowable(
                      () ->
                          producer
                              .send(new ProducerRecord<>(topic + "-other", "o-1", new byte[0]))
                              .get(WAIT.toSeconds(), TimeUnit.SECONDS))));
    }

    assertThat(recordsOnTheBroker()).as("only the recorded send reached the broker").isEqualTo(1);
    assertThat(same.get().topic()).isEqualTo(topic);
    assertThat(same.get().offset()).as("the recorded offset").isZero();
    assertThat(changed.get().offset())
        .as("a changed value is answered by the recorded send to the same topic")
        .isZero();
    assertThat(otherTopic.get())
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ReplayMismatchException.class)
        .hasMessageContaining("Unexpected MESSAGE call send to topic 'checkpoint-<uuid>-other'")
        .hasMessageContaining("~ /topic: \"checkpoint-<uuid>\" -> \"checkpoint-<uuid>-other\"");
    List<CheckpointData> sends =
        replayed.checkpoints().stream().filter(c -> c.kind() == Kind.MESSAGE_PUBLISH).toList();
    assertThat(sends).hasSize(3);
    assertThat(sends.get(0).output().json()).contains("\"offset\":0");
    assertThat(sends.get(1).input().json())
        .as("the changed value is recorded where it was sent, for the tree's comparison")
        .contains("\"amountCents\":9025");
    assertThat(sends.get(2).error().type()).isEqualTo(ReplayMismatchException.class.getName());
  }

  @Test
  void aChangedValueIsReportedWithItsPathWhenTheReplayedTreeIsComparedWithTheRecordedOne(
      @TempDir Path replayedDir) throws Exception {
    CheckpointRecorder replayer = ReplayRecordings.replayer(CAPTURE, replayed, dir);
    try (Producer<String, byte[]> producer =
        CheckpointKafka.wrap(KafkaTestClient.producer(kafka, Map.of()), replayer)) {
      ReplayRecordings.replay(replayer, key, () -> send(producer, CHANGED).get());
    }
    ReplayRecordings.writeAsset(replayed, replayedDir);

    // As checkpoint replay compares an entry's replayed tree with its recorded one.
    String diff =
        DiffRenderer.text(
            StructuralDiff.defaults()
                .compare(
                    AssetFormat.read(dir.resolve("recorded.json")),
                    AssetFormat.read(replayedDir.resolve("recorded.json"))),
            false);

    assertThat(diff)
        .isEqualTo(
            "1 difference: 1 changed\n"
                + "~ changed  client-under-test/HTTP_SERVER/POST /entry#0 >"
                + " client-under-test/MESSAGE_PUBLISH/PUBLISH "
                + topic
                + "#0\n"
                + "    ~ /input/body/amountCents: 9000 -> 9025\n");
  }

  @Test
  void aJunitReplayAnswersTheSameSendAndFailsAChangedValueWithItsPath() throws Exception {
    ReplayLedger ledger = ReplayRecordings.testLedger(dir);
    CheckpointRecorder replayer = ReplayRecordings.testReplayer(CAPTURE, replayed, ledger);
    AtomicReference<Exception> callback = new AtomicReference<>();
    Throwable changed;
    RecordMetadata same;
    try (Producer<String, byte[]> producer =
        CheckpointKafka.wrap(KafkaTestClient.producer(kafka, Map.of()), replayer)) {
      changed =
          catchThrowable(
              () ->
                  producer
                      .send(
                          new ProducerRecord<>(
                              topic, "o-1", CHANGED.getBytes(StandardCharsets.UTF_8)),
                          (metadata, error) -> callback.set(error))
                      .get());
      assertThat(ledger.unused())
          .as("the recorded send is still unused: strict replay fails on it")
          .hasValueSatisfying(
              message ->
                  assertThat(message)
                      .startsWith(
                          "1 recorded call in recorded.json was never made (strict replay):")
                      .contains("MESSAGE_PUBLISH/PUBLISH " + topic + "#0: send to topic"));
      same = send(producer, PAID).get();
    }

    assertThat(recordsOnTheBroker()).isEqualTo(1);
    assertThat(callback.get()).isInstanceOf(ReplayMismatchException.class);
    assertThat(changed)
        .cause()
        .isInstanceOf(ReplayMismatchException.class)
        .hasMessageContaining("no recorded call in recorded.json matches it")
        .hasMessageContaining("~ /body/amountCents: 9000 -> 9025");
    assertThat(ledger.failures()).hasSize(1);
    assertThat(same.offset()).isZero();
    assertThat(ledger.unused()).isEmpty();
  }

  /** Consumes the inbox's record at an offset, processed as an entry that sends the shipment. */
  private void consumeAndShip(
      CheckpointRecorder recorder, String inbox, long offset, Producer<String, byte[]> shipping)
      throws Exception {
    try (Consumer<String, byte[]> consumer = KafkaTestClient.consumer(kafka, inbox)) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      int handled = 0;
      while (handled == 0 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.offset() != offset) {
            continue;
          }
          CheckpointKafka.process(
              record, recorder, r -> send(shipping, PAID).get(WAIT.toSeconds(), TimeUnit.SECONDS));
          handled++;
        }
      }
      assertThat(handled).as("a record was consumed within " + WAIT).isEqualTo(1);
    }
  }

  @Test
  void aRecordSentAgainAsCheckpointReplaySendsItIsAnEntryWhoseSendIsAnsweredFromItsRecording(
      @TempDir Path recordedDir) throws Exception {
    String inbox = KafkaTestClient.newTopic(kafka);
    InMemoryExporter recorded = InMemoryExporter.create();
    CheckpointRecorder recorder = recorder(recorded);
    try (Producer<String, byte[]> raw = KafkaTestClient.producer(kafka, Map.of());
        Producer<String, byte[]> shipping =
            CheckpointKafka.wrap(KafkaTestClient.producer(kafka, Map.of()), recorder)) {
      raw.send(new ProducerRecord<>(inbox, "o-1", PAID.getBytes(StandardCharsets.UTF_8))).get();
      consumeAndShip(recorder, inbox, 0, shipping);
    }
    assertThat(recorded.checkpoints()).as("the entry and its send").hasSize(2);
    String entryKey = ReplayRecordings.writeAsset(recorded, recordedDir);
    assertThat(recordsOnTheBroker()).isEqualTo(2);

    CheckpointRecorder replayer = ReplayRecordings.replayer(CAPTURE, replayed, recordedDir);
    try (Producer<String, byte[]> raw = KafkaTestClient.producer(kafka, Map.of());
        Producer<String, byte[]> shipping =
            CheckpointKafka.wrap(KafkaTestClient.producer(kafka, Map.of()), replayer)) {
      // As checkpoint replay sends a Kafka MESSAGE_CONSUME entry: the recorded record, in a new
      // tree of the replay run, naming its recording.
      ProducerRecord<String, byte[]> again =
          new ProducerRecord<>(inbox, "o-1", PAID.getBytes(StandardCharsets.UTF_8));
      again
          .headers()
          .add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes())
          .add(
              Baggage.HEADER,
              Baggage.empty()
                  .with(Baggage.RUN_KEY, "replay-1")
                  .with(Baggage.REPLAY_KEY, entryKey)
                  .format()
                  .getBytes(StandardCharsets.UTF_8));
      raw.send(again).get();
      consumeAndShip(replayer, inbox, 1, shipping);
    }

    assertThat(recordsOnTheBroker())
        .as("the shipment sent while replaying the entry was answered, not sent")
        .isEqualTo(2);
    CheckpointData send =
        replayed.checkpoints().stream()
            .filter(c -> c.kind() == Kind.MESSAGE_PUBLISH)
            .findFirst()
            .orElseThrow();
    assertThat(send.error()).isNull();
    assertThat(send.output().json()).contains("\"offset\":1");
  }
}
