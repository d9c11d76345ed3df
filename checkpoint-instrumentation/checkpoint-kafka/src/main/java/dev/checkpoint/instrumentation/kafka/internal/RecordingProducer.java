package dev.checkpoint.instrumentation.kafka.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.replay.RecordedCall;
import dev.checkpoint.core.replay.ReplayMismatchException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * A {@link Producer} that records each send as a {@code MESSAGE_PUBLISH} checkpoint, ended by the
 * send's own completion with the record's metadata or the error, and sends a copy of the record
 * whose headers carry the tree. Written out rather than a dynamic proxy: a proxy allocates an
 * argument array per call, and with recording off a send must cost one check and nothing else.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RecordingProducer<K, V> implements Producer<K, V> {

  private final Producer<K, V> delegate;
  private final KafkaRecording recording;

  /**
   * Wraps a producer.
   *
   * @param delegate the application's producer
   * @param recording the recording
   */
  public RecordingProducer(Producer<K, V> delegate, KafkaRecording recording) {
    this.delegate = delegate;
    this.recording = recording;
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
    if (!recording.isEnabled() || record == null) {
      return delegate.send(record);
    }
    return recorded(record, null);
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
    if (!recording.isEnabled() || record == null) {
      return delegate.send(record, callback);
    }
    return recorded(record, callback);
  }

  private Future<RecordMetadata> recorded(ProducerRecord<K, V> record, Callback callback) {
    RecordingCheckpoint checkpoint = recording.startPublish(record);
    if (checkpoint == null) {
      return delegate.send(record, callback);
    }
    if (checkpoint.isReplaying()) {
      Optional<RecordedCall> answer = checkpoint.replay();
      if (answer.isPresent()) {
        return replayed(record, answer.get(), checkpoint, callback);
      }
    }
    ProducerRecord<K, V> sent = recording.withContext(record, checkpoint.context());
    try {
      return delegate.send(sent, new RecordingCallback(checkpoint, callback));
    } catch (RuntimeException | Error e) {
      // Thrown before the record was queued (a serializer's error, a closed producer): the
      // callback is not called for it.
      checkpoint.setError(e);
      checkpoint.close();
      throw e;
    }
  }

  /**
   * A send answered from a recording (REPLAY mode, or a JUnit replay): the record reaches no
   * broker; the application gets the recorded metadata, the recorded failure, or why no recorded
   * send matches, through the future and its callback as a real send would give them.
   */
  private static Future<RecordMetadata> replayed(
      ProducerRecord<?, ?> record,
      RecordedCall answer,
      RecordingCheckpoint checkpoint,
      Callback callback) {
    RecordMetadata metadata = null;
    Exception error = null;
    if (!answer.isMatched()) {
      error = new ReplayMismatchException(answer.failure());
    } else if (answer.error().isPresent()) {
      JsonNode recorded = answer.error().get();
      error =
          new KafkaException(
              recorded.path("type").asText("error")
                  + ": "
                  + recorded.path("message").asText("")
                  + " (recorded)");
    } else {
      metadata = KafkaShapes.metadata(answer.output(), record);
    }
    new RecordingCallback(checkpoint, callback).onCompletion(metadata, error);
    CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
    if (error == null) {
      future.complete(metadata);
    } else {
      future.completeExceptionally(error);
    }
    return future;
  }

  /** Ends the checkpoint when the broker answered, then calls the application's callback. */
  private static final class RecordingCallback implements Callback {
    private final RecordingCheckpoint checkpoint;
    private final Callback callback;

    RecordingCallback(RecordingCheckpoint checkpoint, Callback callback) {
      this.checkpoint = checkpoint;
      this.callback = callback;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception != null) {
        checkpoint.setError(exception);
      } else if (metadata != null) {
        checkpoint.setOutput(KafkaShapes.output(metadata));
      }
      checkpoint.close();
      if (callback != null) {
        callback.onCompletion(metadata, exception);
      }
    }
  }

  @Override
  public void initTransactions() {
    delegate.initTransactions();
  }

  @Override
  public void beginTransaction() {
    delegate.beginTransaction();
  }

  @Override
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
    delegate.sendOffsetsToTransaction(offsets, groupMetadata);
  }

  @Override
  public void commitTransaction() {
    delegate.commitTransaction();
  }

  @Override
  public void abortTransaction() {
    delegate.abortTransaction();
  }

  @Override
  public void registerMetricForSubscription(KafkaMetric metric) {
    delegate.registerMetricForSubscription(metric);
  }

  @Override
  public void unregisterMetricFromSubscription(KafkaMetric metric) {
    delegate.unregisterMetricFromSubscription(metric);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    return delegate.partitionsFor(topic);
  }

  @Override
  public Map<MetricName, ? extends Metric> metrics() {
    return delegate.metrics();
  }

  @Override
  public Uuid clientInstanceId(Duration timeout) {
    return delegate.clientInstanceId(timeout);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public void close(Duration timeout) {
    delegate.close(timeout);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
