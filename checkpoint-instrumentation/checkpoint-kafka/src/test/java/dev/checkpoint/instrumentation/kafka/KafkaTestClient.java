package dev.checkpoint.instrumentation.kafka;

import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.testkit.MessagingTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka as the messaging test kit drives it: a topic of one partition per client, a wrapped
 * producer, and a wrapped consumer polling on its own thread in the usual loop.
 */
final class KafkaTestClient implements MessagingTestClient {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final EmbeddedKafkaBroker kafka;
  private final Instrumenter recorder;
  private final String topic;
  private final Producer<String, byte[]> producer;
  private volatile boolean closed;
  private Thread poller;

  KafkaTestClient(EmbeddedKafkaBroker kafka, Instrumenter recorder) throws Exception {
    this.kafka = kafka;
    this.recorder = recorder;
    this.topic = newTopic(kafka);
    this.producer = CheckpointKafka.wrap(producer(kafka, Map.of()), recorder);
  }

  /** Creates a topic of one partition that no other test uses. */
  static String newTopic(EmbeddedKafkaBroker kafka) throws Exception {
    String topic = "checkpoint-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    return topic;
  }

  static KafkaProducer<String, byte[]> producer(
      EmbeddedKafkaBroker kafka, Map<String, Object> extra) {
    Map<String, Object> config = new LinkedHashMap<>(extra);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** A consumer that reads the topic's one partition from the start, without a group. */
  static KafkaConsumer<String, byte[]> consumer(EmbeddedKafkaBroker kafka, String topic) {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.assign(List.of(new TopicPartition(topic, 0)));
    return consumer;
  }

  static Map<String, String> headers(ConsumerRecord<?, ?> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }

  @Override
  public String destination() {
    return topic;
  }

  @Override
  public void publish(Map<String, String> headers, byte[] body) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, body);
    headers.forEach(
        (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    producer.send(record).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public void consume(Consumer<DeliveredMessage> handler) {
    org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer =
        CheckpointKafka.wrap(consumer(kafka, topic), recorder);
    poller =
        new Thread(
            () -> {
              try (consumer) {
                while (!closed) {
                  for (ConsumerRecord<String, byte[]> record :
                      consumer.poll(Duration.ofMillis(100))) {
                    handler.accept(new DeliveredMessage(headers(record), record.value()));
                  }
                }
              }
            },
            "poll-" + topic);
    poller.start();
  }

  @Override
  public void close() throws Exception {
    closed = true;
    if (poller != null) {
      poller.join(WAIT.toMillis());
    }
    producer.close(Duration.ofSeconds(5));
  }
}
