package dev.checkpoint.benchmarks;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.instrumentation.kafka.CheckpointKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of the Kafka wrappers ({@code CheckpointKafka.wrap}) around one send and around one poll
 * whose single record is processed, against the same calls on the client itself in the same run.
 * The clients answer at once without a broker (a send completes with fixed metadata, a poll returns
 * the same records), so only the wrappers' work is measured. Target with recording {@code OFF}: no
 * allocation over the direct call (run with {@code -prof gc}); {@code ON} shows the price of a
 * recorded checkpoint with a ~200-byte JSON value, exported inline to a null sink.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class KafkaWrapperBenchmark {

  private static final String TOPIC = "order-paid";

  @Param({"OFF", "ON"})
  String mode;

  private Producer<String, byte[]> producer;
  private Producer<String, byte[]> wrappedProducer;
  private Consumer<String, byte[]> consumer;
  private Consumer<String, byte[]> wrappedConsumer;
  private ProducerRecord<String, byte[]> record;
  private Callback callback;

  /** Builds the clients and a recorder in the chosen mode. */
  @Setup(Level.Trial)
  public void setUp() {
    CheckpointRecorder recorder =
        CheckpointRecorder.builder()
            .service("bench")
            .mode(RecordingMode.valueOf(mode))
            .exporter(new EnabledCheckpointBenchmark.InlineNullExporter())
            .build();
    byte[] value =
        ("{\"orderId\":\"o-1\",\"customer\":\"c-42\",\"lines\":[{\"sku\":\"A-1\",\"qty\":2,"
                + "\"priceCents\":1250},{\"sku\":\"B-7\",\"qty\":1,\"priceCents\":4999}],"
                + "\"currency\":\"EUR\",\"paidAt\":\"2026-12-05T10:00:00Z\",\"totalCents\":7499}")
            .getBytes(StandardCharsets.UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add("tenant", "acme".getBytes(StandardCharsets.UTF_8));
    record = new ProducerRecord<>(TOPIC, null, "o-1", value, headers);
    callback = (metadata, error) -> {};
    producer = new AnsweringProducer();
    wrappedProducer = CheckpointKafka.wrap(new AnsweringProducer(), recorder);
    ConsumerRecords<String, byte[]> polled =
        new ConsumerRecords<>(
            Map.of(
                new TopicPartition(TOPIC, 0),
                List.of(
                    new ConsumerRecord<>(
                        TOPIC,
                        0,
                        7L,
                        0L,
                        TimestampType.CREATE_TIME,
                        3,
                        value.length,
                        "o-1",
                        value,
                        headers,
                        java.util.Optional.empty()))),
            Map.of());
    consumer = new ReplayingConsumer(polled);
    wrappedConsumer = CheckpointKafka.wrap(new ReplayingConsumer(polled), recorder);
  }

  /**
   * A send on the client itself.
   *
   * @return the send's future
   */
  @Benchmark
  public Future<RecordMetadata> sendDirect() {
    return producer.send(record, callback);
  }

  /**
   * The same send through the wrapper.
   *
   * @return the send's future
   */
  @Benchmark
  public Future<RecordMetadata> sendWrapped() {
    return wrappedProducer.send(record, callback);
  }

  /**
   * A poll on the client itself and its record processed.
   *
   * @param blackhole takes the processed records
   */
  @Benchmark
  public void pollDirect(Blackhole blackhole) {
    for (ConsumerRecord<String, byte[]> polled : consumer.poll(Duration.ZERO)) {
      blackhole.consume(polled);
    }
  }

  /**
   * The same poll and processing through the wrapper.
   *
   * @param blackhole takes the processed records
   */
  @Benchmark
  public void pollWrapped(Blackhole blackhole) {
    for (ConsumerRecord<String, byte[]> polled : wrappedConsumer.poll(Duration.ZERO)) {
      blackhole.consume(polled);
    }
  }

  /** A producer whose every send completes at once with the same metadata. */
  static final class AnsweringProducer extends MockProducer<String, byte[]> {
    private final RecordMetadata metadata =
        new RecordMetadata(new TopicPartition(TOPIC, 0), 7L, 0, 0L, 3, 200);
    private final Future<RecordMetadata> answered = CompletableFuture.completedFuture(metadata);

    @Override
    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
      if (callback != null) {
        callback.onCompletion(metadata, null);
      }
      return answered;
    }
  }

  /** A consumer whose every poll returns the same records. */
  static final class ReplayingConsumer extends MockConsumer<String, byte[]> {
    private final ConsumerRecords<String, byte[]> records;

    ReplayingConsumer(ConsumerRecords<String, byte[]> records) {
      super("earliest");
      this.records = records;
    }

    @Override
    public ConsumerRecords<String, byte[]> poll(Duration timeout) {
      return records;
    }
  }
}
