package dev.checkpoint.instrumentation.spring.kafka;

import static dev.checkpoint.instrumentation.spring.Trees.ids;
import static dev.checkpoint.instrumentation.spring.Trees.named;
import static dev.checkpoint.instrumentation.spring.Trees.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record listener that throws, retried once by the container's error handler, and a batch
 * listener: each delivery of a failing record is one checkpoint with the error, and a batch is one
 * {@code CONSUME BATCH} checkpoint with a checkpoint per record under it.
 */
@Import(KafkaListenerFailureAndBatchTest.ErrorsAndBatches.class)
class KafkaListenerFailureAndBatchTest extends AbstractKafkaTest {

  private static final String TOPIC = "checkpoint-shipments-" + UUID.randomUUID();
  private static final String BATCH_TOPIC = TOPIC + ".batch";

  @DynamicPropertySource
  static void topic(DynamicPropertyRegistry registry) {
    registry.add("shipments.topic", () -> TOPIC);
    registry.add("shipments.batch-topic", () -> BATCH_TOPIC);
  }

  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired BatchShipments batches;

  @Test
  void eachDeliveryOfAFailingRecordIsACheckpointWithTheListenersError() throws Exception {
    post("13", "{\"order\":13,\"carrier\":\"none\"}");

    // Two deliveries (the error handler retries once), then nothing more: no third, no dangling
    // one.
    await()
        .atMost(DELIVERY_TIMEOUT)
        .during(Duration.ofSeconds(1))
        .until(() -> exporter.checkpoints().size() == 6);
    List<CheckpointData> checkpoints = exporter.checkpoints();
    CheckpointData publish = only(checkpoints, "PUBLISH " + topic);
    List<CheckpointData> consumes = named(checkpoints, "CONSUME " + topic);
    List<CheckpointData> methods = named(checkpoints, "Orders.markShipped");
    assertThat(consumes).hasSize(2);
    assertThat(consumes)
        .allSatisfy(
            consume -> {
              assertThat(consume.parentId()).isEqualTo(publish.id());
              assertThat(consume.error()).isNotNull();
              assertThat(consume.error().type())
                  .isEqualTo("org.springframework.kafka.listener.ListenerExecutionFailedException");
              assertThat(consume.error().causes())
                  .anySatisfy(
                      cause ->
                          assertThat(cause.type())
                              .isEqualTo(IllegalArgumentException.class.getName()));
            });
    assertThat(methods)
        .allSatisfy(
            method ->
                assertThat(method.error().type()).isEqualTo("java.lang.IllegalArgumentException"));
    assertThat(methods.stream().map(CheckpointData::parentId).collect(Collectors.toSet()))
        .isEqualTo(ids(consumes));

    // The container goes on: the next record is recorded without an error.
    exporter.reset();
    ship("14", "{\"order\":14,\"carrier\":\"DHL\"}");
    await()
        .atMost(DELIVERY_TIMEOUT)
        .until(() -> named(exporter.checkpoints(), "CONSUME " + topic).size() == 1);
    assertThat(named(exporter.checkpoints(), "CONSUME " + topic).get(0).error()).isNull();
  }

  @Test
  void aBatchIsOneCheckpointWithOneCheckpointPerRecordUnderIt() throws Exception {
    try (ActiveCheckpoint request = recorder.start(Kind.METHOD, "shipAll", null)) {
      for (int order = 1; order <= 3; order++) {
        kafka
            .send(BATCH_TOPIC, "b" + order, "{\"order\":" + order + ",\"carrier\":\"UPS\"}")
            .get(30, TimeUnit.SECONDS);
      }
    }
    await().atMost(DELIVERY_TIMEOUT).until(() -> batches.delivered().size() == 3);
    await()
        .atMost(DELIVERY_TIMEOUT)
        .until(() -> named(exporter.checkpoints(), "Orders.markShipped").size() == 3);

    List<CheckpointData> checkpoints = exporter.checkpoints();
    String traceId = only(checkpoints, "shipAll").traceId();
    List<CheckpointData> batchCheckpoints = named(checkpoints, "CONSUME BATCH " + BATCH_TOPIC);
    List<CheckpointData> records = named(checkpoints, "CONSUME " + BATCH_TOPIC);
    Set<String> publishes = ids(named(checkpoints, "PUBLISH " + BATCH_TOPIC));
    Set<String> batchIds = ids(batchCheckpoints);
    assertThat(checkpoints).allSatisfy(c -> assertThat(c.traceId()).isEqualTo(traceId));
    assertThat(checkpoints).allSatisfy(c -> assertThat(c.error()).isNull());
    // The poll may split the three records: every batch joins the tree, under a record's send.
    assertThat(batchCheckpoints)
        .isNotEmpty()
        .allSatisfy(
            batch -> {
              assertThat(batch.kind()).isEqualTo(Kind.MESSAGE_CONSUME);
              assertThat(publishes).contains(batch.parentId());
            });
    assertThat(
            batchCheckpoints.stream()
                .mapToInt(batch -> RecordedJson.of(batch.input()).path("count").asInt())
                .sum())
        .isEqualTo(3);
    // One checkpoint per record, under its batch only (none from the container's copy of the poll).
    assertThat(records).hasSize(3);
    assertThat(records)
        .allSatisfy(
            record -> {
              assertThat(record.kind()).isEqualTo(Kind.MESSAGE_CONSUME);
              assertThat(batchIds).contains(record.parentId());
            });
    assertThat(records.stream().map(r -> RecordedJson.of(r.input()).path("key").asText()))
        .containsExactlyInAnyOrder("b1", "b2", "b3");
    assertThat(named(checkpoints, "Orders.markShipped"))
        .allSatisfy(method -> assertThat(batchIds).contains(method.parentId()));
  }

  @Test
  void offRecordsNoBatch() throws Exception {
    recorder.control().set(RecordingMode.OFF, null);

    kafka.send(BATCH_TOPIC, "off", "{\"order\":0,\"carrier\":\"UPS\"}").get(30, TimeUnit.SECONDS);

    await().atMost(DELIVERY_TIMEOUT).until(() -> batches.delivered().contains("off"));
    assertThat(exporter.checkpoints()).isEmpty();
  }

  /** Retries a failed record once, right away, then gives it up (logged). */
  @TestConfiguration
  static class ErrorsAndBatches {
    @Bean
    DefaultErrorHandler errorHandler() {
      return new DefaultErrorHandler(new FixedBackOff(0, 1));
    }

    @Bean
    BatchShipments batchShipments(Orders orders) {
      return new BatchShipments(orders);
    }
  }

  /** Marks the orders of a batch of shipments shipped, in one listener call. */
  static class BatchShipments {
    private final Orders orders;
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

    BatchShipments(Orders orders) {
      this.orders = orders;
    }

    BlockingQueue<String> delivered() {
      return delivered;
    }

    @KafkaListener(
        topics = "${shipments.batch-topic}",
        groupId = "${shipments.batch-topic}",
        batch = "true")
    void onShipments(List<ConsumerRecord<String, String>> records) {
      for (ConsumerRecord<String, String> record : records) {
        orders.markShipped(record.value());
      }
      records.forEach(record -> delivered.add(record.key()));
    }
  }
}
