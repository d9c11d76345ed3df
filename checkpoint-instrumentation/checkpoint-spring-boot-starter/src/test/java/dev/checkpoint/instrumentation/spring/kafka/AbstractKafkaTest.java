package dev.checkpoint.instrumentation.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spring Kafka with the starter against a real broker: a request sends with {@code KafkaTemplate}
 * and a {@code @KafkaListener} consumes. Each subclass names its own topic ({@code
 * shipments.topic}); the context is closed after the class, before the broker stops.
 */
@SpringBootTest(
    classes = ShipmentsApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=shipping",
      "checkpoint.mode=ON",
      // The listener may join its group after the first send: it still reads it.
      "spring.kafka.consumer.auto-offset-reset=earliest"
    })
@DirtiesContext
abstract class AbstractKafkaTest {

  /** A consumer group's first join on a loaded machine takes seconds. */
  static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @LocalServerPort private int port;

  @Value("${shipments.topic}")
  String topic;

  @Autowired InMemoryExporter exporter;
  @Autowired CheckpointRecorder recorder;
  @Autowired private ShipmentListener listener;

  @DynamicPropertySource
  static void broker(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", TestKafkaBroker::bootstrapServers);
  }

  @BeforeEach
  void reset() {
    recorder.control().set(RecordingMode.ON, null);
    exporter.reset();
    listener.delivered().clear();
  }

  @AfterEach
  void recordAgain() {
    recorder.control().set(RecordingMode.ON, null);
  }

  /** Posts a shipment, which the application sends to the topic, and waits for its delivery. */
  ConsumerRecord<String, String> ship(String order, String json) throws Exception {
    post(order, json);
    ConsumerRecord<String, String> delivered =
        listener.delivered().poll(DELIVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(delivered).as("the record delivered to the listener").isNotNull();
    assertThat(delivered.key()).isEqualTo(order);
    return delivered;
  }

  /** Posts a shipment, which the application sends to the topic once the broker has it. */
  void post(String order, String json) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/shipments/" + order))
                .timeout(DELIVERY_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
