package dev.checkpoint.instrumentation.kafka;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.ConsumedBatch;
import dev.checkpoint.instrumentation.kafka.internal.KafkaRecording;
import dev.checkpoint.instrumentation.kafka.internal.RecordingConsumer;
import dev.checkpoint.instrumentation.kafka.internal.RecordingProducer;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;

/**
 * Records Kafka messaging ({@code org.apache.kafka:kafka-clients}): each producer send as a {@code
 * MESSAGE_PUBLISH} checkpoint whose context travels in the record headers {@code traceparent} and
 * {@code baggage}, ended by the broker's answer (partition and offset) or the error; and each
 * record a consumer's application processes as a {@code MESSAGE_CONSUME} checkpoint that joins the
 * producer's tree.
 *
 * <pre>{@code
 * Producer<String, String> producer = CheckpointKafka.wrap(new KafkaProducer<>(config), recorder);
 * producer.send(new ProducerRecord<>("order-paid", orderId, json));
 *
 * Consumer<String, String> consumer = CheckpointKafka.wrap(new KafkaConsumer<>(config), recorder);
 * for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
 *   ship(record); // runs in the record's MESSAGE_CONSUME checkpoint
 * }
 * }</pre>
 *
 * <p>A record's processing, for a wrapped consumer, lasts from when the record is taken from the
 * polled records' iterator until the next is taken, the iterator runs out, or the consumer polls,
 * commits or closes. Records handed to other code (a listener container, a batch, a worker thread)
 * are recorded exactly, errors included, by {@link #process}.
 *
 * <p>Recorded input: destination (the topic), topic, the partition and timestamp the producer set,
 * key, headers (without the propagation headers) and body (the value: JSON as JSON, text as a
 * string, other bytes as {@code {"base64": ...}}, other objects as Jackson writes them). With
 * recording off the wrappers pass every call straight to the client after one check.
 */
public final class CheckpointKafka {

  private CheckpointKafka() {}

  /**
   * Wraps a producer.
   *
   * @param producer the application's producer
   * @param recorder where checkpoints are recorded
   * @param <K> the key type
   * @param <V> the value type
   * @return a producer that records sends and otherwise behaves as {@code producer}; {@code
   *     producer} itself when it already records, so that a send is never recorded twice
   */
  public static <K, V> Producer<K, V> wrap(Producer<K, V> producer, Instrumenter recorder) {
    Objects.requireNonNull(producer, "producer");
    Objects.requireNonNull(recorder, "recorder");
    if (producer instanceof RecordingProducer) {
      return producer;
    }
    return new RecordingProducer<>(producer, new KafkaRecording(recorder));
  }

  /**
   * Wraps a consumer, so that each record the application takes from its polls is recorded.
   *
   * @param consumer the application's consumer
   * @param recorder where checkpoints are recorded
   * @param <K> the key type
   * @param <V> the value type
   * @return a consumer that records processed records and otherwise behaves as {@code consumer};
   *     {@code consumer} itself when it already records
   */
  public static <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer, Instrumenter recorder) {
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(recorder, "recorder");
    if (consumer instanceof RecordingConsumer) {
      return consumer;
    }
    return new RecordingConsumer<>(consumer, new KafkaRecording(recorder));
  }

  /**
   * Records one record's processing as a {@code MESSAGE_CONSUME} checkpoint in the producer's tree,
   * with the handler's error if it throws; the handler runs in the checkpoint's context. For
   * records from a consumer that is not wrapped (a wrapped one already records them).
   *
   * @param record the record
   * @param recorder where checkpoints are recorded
   * @param handler the application's processing
   * @param <K> the key type
   * @param <V> the value type
   * @param <E> what the handler may throw
   * @throws E what the handler threw, unchanged
   */
  public static <K, V, E extends Throwable> void process(
      ConsumerRecord<K, V> record, Instrumenter recorder, RecordHandler<K, V, E> handler) throws E {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(recorder, "recorder");
    Objects.requireNonNull(handler, "handler");
    if (!recorder.isEnabled()) {
      handler.handle(record);
      return;
    }
    new KafkaRecording(recorder).process(record, handler::handle);
  }

  /**
   * Records the records handed to one call of a batch listener as a {@code MESSAGE_CONSUME}
   * checkpoint named {@code CONSUME BATCH <topic>}, current while the listener runs, with one
   * {@code MESSAGE_CONSUME} checkpoint per record under it (each with the record's input, and its
   * publisher's {@code traceparent} as the {@code publisher} attribute when the batch could not
   * join that tree: a checkpoint has one parent, so the batch joins the publisher's tree only when
   * all records carry the same one). The listener's exception is the error of the batch and of each
   * record. For records from a consumer that is not wrapped, or from one told {@link
   * #processedInBatches}.
   *
   * @param records the records of the batch, in order
   * @param recorder where checkpoints are recorded
   * @param listener the listener's call
   * @param <E> what the listener may throw
   * @throws E what the listener threw, unchanged
   */
  public static <E extends Throwable> void processBatch(
      List<? extends ConsumerRecord<?, ?>> records,
      Instrumenter recorder,
      ConsumedBatch.Listener<E> listener)
      throws E {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(recorder, "recorder");
    Objects.requireNonNull(listener, "listener");
    if (!recorder.isEnabled()) {
      listener.call();
      return;
    }
    new KafkaRecording(recorder).processBatch(records, listener);
  }

  /**
   * Starts recording the records handed to one call of a batch listener as {@link #processBatch}
   * does, for a framework that announces the call and its end separately (a listener container's
   * interceptor): the batch's checkpoint is current on this thread until {@link ConsumedBatch#end}
   * is called on it, with the listener's exception or {@code null}.
   *
   * @param records the records of the batch, in order
   * @param recorder where checkpoints are recorded
   * @return the batch, to end after the call; one that does nothing when recording is off
   */
  public static ConsumedBatch startBatch(
      List<? extends ConsumerRecord<?, ?>> records, Instrumenter recorder) {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(recorder, "recorder");
    return new KafkaRecording(recorder).startBatch(records);
  }

  /**
   * Tells a consumer wrapped by {@link #wrap(Consumer, Instrumenter)} that its records are
   * processed in batches recorded with {@link #processBatch}: its polls then hand out the client's
   * own records, whose iteration starts no checkpoint (a batch listener's container copies each
   * poll into a list before calling the listener, which would otherwise record every record as
   * processed before the listener ran). Does nothing to a consumer that is not wrapped.
   *
   * @param consumer the consumer
   */
  public static void processedInBatches(Consumer<?, ?> consumer) {
    if (consumer instanceof RecordingConsumer<?, ?> recording) {
      recording.handOutBatches();
    }
  }

  /**
   * The application's processing of one record.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @param <E> what it may throw
   */
  @FunctionalInterface
  public interface RecordHandler<K, V, E extends Throwable> {
    /**
     * Processes a record.
     *
     * @param record the record
     * @throws E what the processing threw
     */
    void handle(ConsumerRecord<K, V> record) throws E;
  }
}
