package dev.checkpoint.cli.internal.replay;

import dev.checkpoint.cli.internal.run.RunFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends recorded Kafka records to the broker of the service under test, one at a time, each
 * acknowledged before the next: a replayed {@code MESSAGE_CONSUME} entry of a Kafka consumer.
 */
final class KafkaDelivery implements AutoCloseable {

  /** How long a send may wait for the broker, metadata included. */
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final String bootstrapServers;
  private KafkaProducer<byte[], byte[]> producer;

  /**
   * Creates the delivery; nothing connects before the first send.
   *
   * @param bootstrapServers the broker, {@code host:port[,host:port...]}
   */
  KafkaDelivery(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Sends one record and waits for the broker's acknowledgement.
   *
   * @param topic the recorded topic
   * @param key the recorded key's bytes, or {@code null}
   * @param headers the headers, values as bytes, a name that repeats with each of its values
   * @param value the recorded value's bytes, or {@code null}
   * @throws RunFailure when the broker cannot be reached
   */
  void send(String topic, byte[] key, List<Map.Entry<String, byte[]>> headers, byte[] value) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
    headers.forEach(
        header -> record.headers().add(new RecordHeader(header.getKey(), header.getValue())));
    try {
      producer().send(record).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(e);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw unreachable(e instanceof ExecutionException ? e.getCause() : e);
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ProducerConfig.MAX_BLOCK_MS_CONFIG,
                  (int) TIMEOUT.toMillis(),
                  ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                  (int) TIMEOUT.toMillis(),
                  // Kafka wants the delivery timeout over the request timeout plus linger.ms.
                  ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  (int) TIMEOUT.toMillis() / 2,
                  ProducerConfig.CLIENT_ID_CONFIG,
                  "checkpoint-replay"),
              new ByteArraySerializer(),
              new ByteArraySerializer());
    }
    return producer;
  }

  private RunFailure unreachable(Throwable cause) {
    return new RunFailure(
        "Cannot send recorded Kafka records to the broker at "
            + bootstrapServers
            + " ("
            + cause
            + "). Start it, or fix --kafka.");
  }

  /** Closes the producer, if one was made. */
  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
