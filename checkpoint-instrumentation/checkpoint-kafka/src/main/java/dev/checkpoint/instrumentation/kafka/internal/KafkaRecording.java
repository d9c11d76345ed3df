package dev.checkpoint.instrumentation.kafka.internal;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.instrumentation.ConsumedBatch;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.core.propagation.TraceParent;
import dev.checkpoint.core.propagation.W3cPropagation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Records sends and consumed records as {@code MESSAGE_PUBLISH} and {@code MESSAGE_CONSUME}
 * checkpoints and carries the tree in the record headers {@code traceparent} and {@code baggage},
 * so that the consumer's work joins the producer's tree.
 */
public final class KafkaRecording {

  /** One log for the whole Kafka instrumentation. */
  private static final InstrumentationLog LOG =
      new InstrumentationLog("dev.checkpoint.instrumentation.kafka");

  private final Instrumenter recorder;

  /**
   * Creates the recording.
   *
   * @param recorder where checkpoints are recorded
   */
  public KafkaRecording(Instrumenter recorder) {
    this.recorder = recorder;
  }

  /**
   * Processes a record.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @param <E> what the handler may throw
   */
  @FunctionalInterface
  public interface Handler<K, V, E extends Throwable> {
    /**
     * Processes.
     *
     * @param record the record
     * @throws E what the application's handler threw
     */
    void handle(ConsumerRecord<K, V> record) throws E;
  }

  /**
   * Whether anything is recorded now: the one check the wrappers make before anything else.
   *
   * @return {@code true} when recording is on
   */
  public boolean isEnabled() {
    return recorder.isEnabled();
  }

  /**
   * Starts the checkpoint of a send under the current context.
   *
   * @param record the application's record
   * @return the checkpoint, {@code null} when this send is not recorded
   */
  RecordingCheckpoint startPublish(ProducerRecord<?, ?> record) {
    try {
      List<String> truncated = new ArrayList<>(0);
      Map<String, Object> input =
          KafkaShapes.input(record, recorder.capture().maxBytes(), truncated);
      return started(
          recorder.startDetached(
              Kind.MESSAGE_PUBLISH, "PUBLISH " + record.topic(), input, Context.current()),
          truncated);
    } catch (RuntimeException e) {
      LOG.failed("Recording a Kafka send", e);
      return null;
    }
  }

  /**
   * Starts the checkpoint of a consumed record, in the producer's tree when the record carries it.
   *
   * @param record the record
   * @return the checkpoint, {@code null} when this record is not recorded
   */
  RecordingCheckpoint startConsume(ConsumerRecord<?, ?> record) {
    return startConsume(record, extract(record.headers()).orElse(Context.current()));
  }

  private RecordingCheckpoint startConsume(ConsumerRecord<?, ?> record, Context parent) {
    try {
      List<String> truncated = new ArrayList<>(0);
      Map<String, Object> input =
          KafkaShapes.input(record, recorder.capture().maxBytes(), truncated);
      RecordingCheckpoint checkpoint =
          started(
              recorder.startDetached(
                  Kind.MESSAGE_CONSUME, "CONSUME " + record.topic(), input, parent),
              truncated);
      if (checkpoint != null) {
        // Where the record sat, for finding it again; not input: offsets differ on every run.
        checkpoint.setAttribute("kafka.partition", record.partition());
        checkpoint.setAttribute("kafka.offset", record.offset());
      }
      return checkpoint;
    } catch (RuntimeException e) {
      LOG.failed("Recording a consumed Kafka record", e);
      return null;
    }
  }

  private static RecordingCheckpoint started(
      RecordingCheckpoint checkpoint, List<String> truncated) {
    if (!checkpoint.isRecording()) {
      return null;
    }
    truncated.forEach(checkpoint::markTruncated);
    return checkpoint;
  }

  /**
   * A copy of the record whose headers carry the checkpoint's context; the application's record is
   * left as it is, so that it can be sent again.
   *
   * @param record the application's record
   * @param context the send's checkpoint context
   * @param <K> the key type
   * @param <V> the value type
   * @return the record to send
   */
  <K, V> ProducerRecord<K, V> withContext(ProducerRecord<K, V> record, Context context) {
    try {
      Headers headers = new RecordHeaders(record.headers().toArray());
      W3cPropagation.inject(
          context,
          text(headers.lastHeader(Baggage.HEADER)),
          (name, value) -> {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
          });
      return new ProducerRecord<>(
          record.topic(),
          record.partition(),
          record.timestamp(),
          record.key(),
          record.value(),
          headers);
    } catch (RuntimeException e) {
      LOG.failed("Adding the tree to Kafka record headers", e);
      return record;
    }
  }

  /**
   * Records a record's processing around the application's handler, which runs in the checkpoint's
   * context.
   *
   * @param record the record
   * @param handler the application's processing
   * @param <K> the key type
   * @param <V> the value type
   * @param <E> what the handler may throw
   * @throws E what the handler threw, unchanged
   */
  public <K, V, E extends Throwable> void process(
      ConsumerRecord<K, V> record, Handler<K, V, E> handler) throws E {
    RecordingCheckpoint checkpoint = recorder.isEnabled() ? startConsume(record) : null;
    if (checkpoint == null) {
      handler.handle(record);
      return;
    }
    try (Scope ignored = checkpoint.context().makeCurrent()) {
      handler.handle(record);
    } catch (Throwable error) {
      checkpoint.setError(error);
      throw error;
    } finally {
      checkpoint.close();
    }
  }

  /**
   * Records the records handed to one call of a batch listener around it: see {@link
   * ConsumedBatch}.
   *
   * @param records the records, in order
   * @param listener the listener's call
   * @param <E> what the listener may throw
   * @throws E what the listener threw, unchanged
   */
  public <E extends Throwable> void processBatch(
      List<? extends ConsumerRecord<?, ?>> records, ConsumedBatch.Listener<E> listener) throws E {
    startBatch(records).run(listener);
  }

  /**
   * Starts recording the records handed to one call of a batch listener, current on this thread
   * until {@link ConsumedBatch#end}. The batch is named after the first record's topic.
   *
   * @param records the records, in order
   * @return the batch
   */
  public ConsumedBatch startBatch(List<? extends ConsumerRecord<?, ?>> records) {
    String topic = records.isEmpty() ? "" : records.get(0).topic();
    return ConsumedBatch.start(
        recorder, topic, records, record -> extract(record.headers()), this::startConsume);
  }

  private static Optional<Context> extract(Headers headers) {
    if (headers == null) {
      return Optional.empty();
    }
    return W3cPropagation.extract(
        text(headers.lastHeader(TraceParent.HEADER)), text(headers.lastHeader(Baggage.HEADER)));
  }

  private static String text(Header header) {
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
