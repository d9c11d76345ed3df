package dev.checkpoint.instrumentation.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.AbstractMessagingInstrumentationTest;
import dev.checkpoint.instrumentation.testkit.MessagingTestClient;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends and consumption through a real Kafka broker started in this JVM: the messaging test kit's
 * contract, and what only Kafka has (keys, partitions, the broker's answer, send errors, the
 * boundaries of a record's processing).
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaInstrumentationTest extends AbstractMessagingInstrumentationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private EmbeddedKafkaBroker kafka;

  @BeforeEach
  void broker(EmbeddedKafkaBroker kafka) {
    this.kafka = kafka;
  }

  @Override
  protected MessagingTestClient newClient(CheckpointRecorder recorder) throws Exception {
    return new KafkaTestClient(kafka, recorder);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Polls until {@code count} records came, or fails after {@link #WAIT}. */
  private static <K, V> ConsumerRecords<K, V> pollFor(Consumer<K, V> consumer, int count) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      ConsumerRecords<K, V> records = consumer.poll(Duration.ofMillis(100));
      if (!records.isEmpty()) {
        assertThat(records.count()).as("records in one poll").isEqualTo(count);
        return records;
      }
    }
    throw new AssertionError("No record polled within " + WAIT);
  }

  @Test
  void aSendIsRecordedWithKeyPartitionAndTheBrokersAnswer() throws Exception {
    String topic = KafkaTestClient.newTopic(kafka);
    CheckpointRecorder recorder = recorder(RecordingMode.ON);
    AtomicReference<RecordMetadata> answered = new AtomicReference<>();
    RecordMetadata metadata;
    try (Producer<String, byte[]> producer =
        CheckpointKafka.wrap(KafkaTestClient.producer(kafka, Map.of()), recorder)) {
      metadata =
          producer
              .send(
                  new ProducerRecord<>(topic, 0, "o-1", utf8("{\"orderId\":\"o-1\"}")),
                  (sent, error) -> answered.set(sent))
              .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    assertThat(answered.get()).as("the application's callback still runs").isNotNull();
    assertThat(answered.get().offset()).isEqualTo(metadata.offset()).isZero();
    CheckpointData publish = awaitCheckpoints(1).get(0);
    assertThat(publish.kind()).isEqualTo(Kind.MESSAGE_PUBLISH);
    assertThat(publish.name()).isEqualTo("PUBLISH " + topic);
    assertThat(publish.parentId()).isNull();
    assertThat(publish.error()).isNull();
    JsonNode input = RecordedJson.of(publish.input());
    assertThat(input.get("topic").asText()).isEqualTo(topic);
    assertThat(input.get("partition").asInt()).isZero();
    assertThat(input.get("key").asText()).isEqualTo("o-1");
    assertThat(input.get("body").toString()).isEqualTo("{\"orderId\":\"o-1\"}");
    assertThat(RecordedJson.of(publish.output()).toString())
        .isEqualTo("{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0}");
  }

  @Test
  void aSerializersErrorIsRecordedAndThrownAsWithoutRecording() throws Exception {
    String topic = KafkaTestClient.newTopic(kafka);
    Serializer<String> refusing =
        (name, value) -> {
          throw new SerializationException("cannot serialise " + value);
        };
    Throwable thrown;
    try (Producer<String, String> producer =
        CheckpointKafka.wrap(
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                refusing),
            recorder(RecordingMode.ON))) {
      thrown = catchThrowable(() -> producer.send(new ProducerRecord<>(topic, "o-1", "paid")));
    }

    assertThat(thrown)
        .isInstanceOf(SerializationException.class)
        .hasMessage("cannot serialise paid");
    CheckpointData publish = awaitCheckpoints(1).get(0);
    assertThat(publish.error().type()).isEqualTo(SerializationException.class.getName());
    assertThat(publish.error().message()).isEqualTo("cannot serialise paid");
    assertThat(RecordedJson.of(publish.input()).get("body").asText()).isEqualTo("paid");
  }

  @Test
  void aRecordTheBrokerRefusesIsRecordedWithTheErrorTheCallbackGets() throws Exception {
    String topic = KafkaTestClient.newTopic(kafka);
    AtomicReference<Exception> answered = new AtomicReference<>();
    Future<RecordMetadata> sent;
    try (Producer<String, byte[]> producer =
        CheckpointKafka.wrap(
            KafkaTestClient.producer(kafka, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024)),
            recorder(RecordingMode.ON))) {
      sent =
          producer.send(
              new ProducerRecord<>(topic, utf8("x".repeat(4096))),
              (metadata, error) -> answered.set(error));
    }

    assertThat(catchThrowable(() -> sent.get(WAIT.toSeconds(), TimeUnit.SECONDS)))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RecordTooLargeException.class);
    assertThat(answered.get()).isInstanceOf(RecordTooLargeException.class);
    CheckpointData publish = awaitCheckpoints(1).get(0);
    assertThat(publish.error().type()).isEqualTo(RecordTooLargeException.class.getName());
    assertThat(publish.output()).isNull();
  }

  @Test
  void eachRecordIsCurrentFromWhenItIsTakenUntilTheNextIsTaken() throws Exception {
    CheckpointRecorder recorder = recorder(RecordingMode.ON);
    MessagingTestClient client = client(recorder);
    client.publish(Map.of(), utf8("first"));
    client.publish(Map.of(), utf8("second"));

    List<String> processed = new ArrayList<>();
    try (Consumer<String, byte[]> consumer =
        CheckpointKafka.wrap(KafkaTestClient.consumer(kafka, client.destination()), recorder)) {
      ConsumerRecords<String, byte[]> records = pollFor(consumer, 2);
      for (ConsumerRecord<String, byte[]> record :
          records.records(new TopicPartition(client.destination(), 0))) {
        String value = new String(record.value(), StandardCharsets.UTF_8);
        try (ActiveCheckpoint handle = recorder.start(Kind.METHOD, "handle " + value, null)) {
          processed.add(value);
        }
      }
      assertThat(Context.current()).as("nothing is left current after the loop").isNull();
    }

    assertThat(processed).containsExactly("first", "second");
    List<CheckpointData> checkpoints = awaitCheckpoints(6);
    List<CheckpointData> consumes =
        checkpoints.stream().filter(c -> c.kind() == Kind.MESSAGE_CONSUME).toList();
    assertThat(consumes).hasSize(2);
    for (String value : List.of("first", "second")) {
      CheckpointData handle =
          checkpoints.stream().filter(c -> c.name().equals("handle " + value)).findFirst().get();
      CheckpointData consume =
          consumes.stream()
              .filter(c -> RecordedJson.of(c.input()).get("body").asText().equals(value))
              .findFirst()
              .get();
      assertThat(handle.parentId()).isEqualTo(consume.id());
      JsonNode attributes = RecordedJson.of(consume.attributes());
      assertThat(attributes.get("kafka.partition").asInt()).isZero();
      assertThat(attributes.get("kafka.offset").asLong()).isEqualTo(value.equals("first") ? 0 : 1);
    }
    assertThat(consumes.get(0).endEpochNanos())
        .as("the first record's processing ends before the second's starts")
        .isLessThanOrEqualTo(consumes.get(1).startEpochNanos());
  }

  @Test
  void processRecordsTheHandlersErrorInTheProducersTree() throws Exception {
    CheckpointRecorder recorder = recorder(RecordingMode.ON);
    MessagingTestClient client = client(recorder);
    client.publish(Map.of(), utf8("{\"orderId\":\"o-7\"}"));

    Throwable thrown;
    try (KafkaConsumer<String, byte[]> consumer =
        KafkaTestClient.consumer(kafka, client.destination())) {
      ConsumerRecord<String, byte[]> record = pollFor(consumer, 1).iterator().next();
      thrown =
          catchThrowable(
              () ->
                  CheckpointKafka.process(
                      record,
                      recorder,
                      r -> {
                        throw new IllegalStateException("cannot ship o-7");
                      }));
    }

    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("cannot ship o-7");
    awaitCheckpoints(2);
    CheckpointData consume = only(Kind.MESSAGE_CONSUME);
    assertThat(consume.parentId()).isEqualTo(only(Kind.MESSAGE_PUBLISH).id());
    assertThat(consume.error().type()).isEqualTo(IllegalStateException.class.getName());
    assertThat(consume.error().message()).isEqualTo("cannot ship o-7");
  }

  @Test
  void aClientWrappedTwiceRecordsOnce() throws Exception {
    String topic = KafkaTestClient.newTopic(kafka);
    CheckpointRecorder recorder = recorder(RecordingMode.ON);
    try (Producer<String, byte[]> producer =
        CheckpointKafka.wrap(
            CheckpointKafka.wrap(KafkaTestClient.producer(kafka, Map.of()), recorder), recorder)) {
      producer
          .send(new ProducerRecord<>(topic, utf8("once")))
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    try (Consumer<String, byte[]> consumer =
        CheckpointKafka.wrap(
            CheckpointKafka.wrap(KafkaTestClient.consumer(kafka, topic), recorder), recorder)) {
      pollFor(consumer, 1).forEach(record -> {});
    }

    awaitCheckpoints(2);
    assertThat(exporter.checkpoints())
        .extracting(CheckpointData::kind)
        .containsExactlyInAnyOrder(Kind.MESSAGE_PUBLISH, Kind.MESSAGE_CONSUME);
  }

  @Test
  void offHandsBackTheClientsOwnRecords() throws Exception {
    MessagingTestClient client = client(recorder(RecordingMode.OFF));
    client.publish(Map.of(), utf8("quiet"));

    try (Consumer<String, byte[]> consumer =
        CheckpointKafka.wrap(
            KafkaTestClient.consumer(kafka, client.destination()), recorder(RecordingMode.OFF))) {
      ConsumerRecords<String, byte[]> records = pollFor(consumer, 1);
      assertThat(records.getClass()).isEqualTo(ConsumerRecords.class);
    }
    assertThat(exporter.checkpoints()).isEmpty();
  }
}
