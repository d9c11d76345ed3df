package dev.checkpoint.agent.internal.adapters;

import dev.checkpoint.agent.internal.Delegation;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.kafka.internal.KafkaRecording;
import dev.checkpoint.instrumentation.kafka.internal.RecordingConsumer;
import dev.checkpoint.instrumentation.kafka.internal.RecordingProducer;
import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records a {@code KafkaProducer#send(ProducerRecord, Callback)} and a {@code
 * KafkaConsumer#poll(Duration)} through the Kafka instrumentation's wrappers ({@code
 * CheckpointKafka.wrap}): the wrapper's own call of the client, inside, runs as it is. The agent
 * cannot replace the client the application constructed, so a wrapper is made per call: a
 * producer's holds nothing, and a consumer's ends the processing of the records a poll returned
 * when their iterator runs out or the next record is taken (not at the next poll, commit or close,
 * as the library's wrapper the application keeps does).
 */
public final class KafkaAdapter implements Delegation {

  private static final String SEND = "send";

  private final KafkaRecording recording;

  /** Set while the wrapper calls the client, so that that call runs as it is. */
  private final ThreadLocal<Boolean> wrapping = new ThreadLocal<>();

  /**
   * Creates the adapter.
   *
   * @param recorder the agent's recorder
   */
  public KafkaAdapter(Instrumenter recorder) {
    this.recording = new KafkaRecording(recorder);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object around(String method, Object target, Object[] arguments) {
    if (wrapping.get() != null) {
      return null;
    }
    wrapping.set(Boolean.TRUE);
    try {
      if (method.endsWith(SEND) && target instanceof Producer producer) {
        return new RecordingProducer<>(producer, recording)
            .send((ProducerRecord) arguments[0], (Callback) arguments[1]);
      }
      if (target instanceof Consumer consumer) {
        return new RecordingConsumer<>(consumer, recording).poll((Duration) arguments[0]);
      }
      return null;
    } finally {
      wrapping.remove();
    }
  }
}
