package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Instrumenter;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Makes a record listener's exception the error of its record's {@code MESSAGE_CONSUME} checkpoint.
 * That checkpoint is {@code checkpoint-kafka}'s, started by the wrapped consumer when the container
 * took the record and current on the consumer's thread while the listener runs; the container calls
 * {@link #failure} there, before its error handler seeks back and polls again (which ends the
 * checkpoint: a retried record is a new delivery, with a checkpoint of its own).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class RecordingRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

  private final Instrumenter recorder;

  RecordingRecordInterceptor(Instrumenter recorder) {
    this.recorder = recorder;
  }

  @Override
  public ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
    return record;
  }

  @Override
  public void failure(ConsumerRecord<K, V> record, Exception exception, Consumer<K, V> consumer) {
    if (recorder.isEnabled()) {
      recorder.current().setError(exception);
    }
  }
}
