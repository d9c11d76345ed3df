package dev.checkpoint.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

  @Test
  void aRecordSentIsPolledBackAndCloseDeletesTheData() throws Exception {
    Path parent = Path.of("target", "embedded-kafka-test");
    String topic = "broker-test-" + UUID.randomUUID();
    EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(parent, Duration.ofSeconds(90));
    try {
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        RecordMetadata sent =
            producer.send(new ProducerRecord<>(topic, "o-1", "paid")).get(30, TimeUnit.SECONDS);
        assertThat(sent.offset()).isZero();
      }
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  kafka.bootstrapServers(),
                  ConsumerConfig.GROUP_ID_CONFIG,
                  topic,
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "earliest"),
              new StringDeserializer(),
              new StringDeserializer())) {
        consumer.subscribe(List.of(topic));
        List<ConsumerRecord<String, String>> polled = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (polled.isEmpty() && System.nanoTime() < deadline) {
          polled =
              consumer
                  .poll(Duration.ofMillis(200))
                  .records(new org.apache.kafka.common.TopicPartition(topic, 0));
        }
        assertThat(polled).extracting(ConsumerRecord::value).containsExactly("paid");
      }
    } finally {
      kafka.close();
    }
    try (var left = Files.list(parent)) {
      assertThat(left).as("data directories left under " + parent).isEmpty();
    }
  }

  @Test
  void aStartThatTakesTooLongFailsSayingSoAndLeavesNoData() throws Exception {
    Path parent = Path.of("target", "embedded-kafka-timeout-test");

    assertThatThrownBy(() -> EmbeddedKafkaBroker.start(parent, Duration.ofMillis(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The embedded Kafka broker did not start within PT0.001S")
        .hasMessageContaining("a loaded machine may need a longer timeout");
    try (var left = Files.list(parent)) {
      assertThat(left).as("data directories left under " + parent).isEmpty();
    }
  }
}
