package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.ConsumedBatch;
import dev.checkpoint.instrumentation.kafka.CheckpointKafka;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Records each call of a batch listener ({@code List<ConsumerRecord>}, {@code ConsumerRecords},
 * {@code List<Message>}) with {@code checkpoint-kafka}'s batch recording: a {@code CONSUME BATCH}
 * checkpoint current while the listener runs, one {@code MESSAGE_CONSUME} checkpoint per record
 * under it, the listener's exception as their error. Before each poll it tells the wrapped consumer
 * that its records go to a batch listener, so that the container's copy of the records into a list
 * does not record each one as processed. The container calls {@link #intercept}, the listener and
 * then {@link #success} or {@link #failure} on the consumer's thread; with recording off a batch
 * costs one check.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class RecordingBatchInterceptor<K, V> implements BatchInterceptor<K, V> {

  private final Instrumenter recorder;
  // Per consumer thread: one container with a concurrency of n calls this from n threads.
  private final ThreadLocal<ConsumedBatch> open = new ThreadLocal<>();

  RecordingBatchInterceptor(Instrumenter recorder) {
    this.recorder = recorder;
  }

  @Override
  public void setupThreadState(Consumer<?, ?> consumer) {
    CheckpointKafka.processedInBatches(consumer);
    // Before a poll no call is under way: a batch still open lost its end to an exception.
    end(null);
  }

  @Override
  public ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
    if (recorder.isEnabled()) {
      List<ConsumerRecord<K, V>> batch = new ArrayList<>(records.count());
      records.forEach(batch::add);
      end(null);
      open.set(CheckpointKafka.startBatch(batch, recorder));
    }
    return records;
  }

  @Override
  public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
    end(null);
  }

  @Override
  public void failure(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
    end(exception);
  }

  @Override
  public void clearThreadState(Consumer<?, ?> consumer) {
    end(null);
  }

  private void end(Exception error) {
    ConsumedBatch batch = open.get();
    if (batch != null) {
      open.remove();
      batch.end(error);
    }
  }
}
