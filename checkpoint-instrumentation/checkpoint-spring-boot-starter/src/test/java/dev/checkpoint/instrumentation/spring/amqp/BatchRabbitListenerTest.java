package dev.checkpoint.instrumentation.spring.amqp;

import static dev.checkpoint.instrumentation.spring.Trees.ids;
import static dev.checkpoint.instrumentation.spring.Trees.named;
import static dev.checkpoint.instrumentation.spring.Trees.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A batch {@code @RabbitListener} ({@code List<Message>} on a container with {@code
 * consumerBatchEnabled}) against the real RabbitMQ at 127.0.0.1:5672: each call is one {@code
 * CONSUME BATCH} checkpoint, with one checkpoint per message under it and the listener's exception
 * as their error.
 */
@SpringBootTest(
    classes = OrdersApplication.class,
    properties = {
      "spring.application.name=orders",
      "checkpoint.mode=ON",
      "spring.rabbitmq.host=127.0.0.1",
      "spring.rabbitmq.port=5672",
      "spring.rabbitmq.username=guest",
      "spring.rabbitmq.password=guest",
      "spring.rabbitmq.listener.simple.default-requeue-rejected=false"
    })
@Import(BatchRabbitListenerTest.Batches.class)
class BatchRabbitListenerTest {

  private static final String QUEUE = "checkpoint-orders-" + UUID.randomUUID();
  private static final String BATCH_QUEUE = QUEUE + ".batch";
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void queue(DynamicPropertyRegistry registry) {
    registry.add("orders.queue", () -> QUEUE);
  }

  @Autowired private InMemoryExporter exporter;
  @Autowired private CheckpointRecorder recorder;
  @Autowired private RabbitTemplate rabbit;
  @Autowired private BatchShipping shipping;

  @BeforeAll
  static void requireRabbitMq() throws Exception {
    AbstractRabbitListenerTest.requireRabbitMq();
  }

  @BeforeEach
  void reset() {
    recorder.control().set(RecordingMode.ON, null);
    exporter.reset();
    shipping.delivered().clear();
  }

  @Test
  void aBatchIsOneCheckpointWithOneCheckpointPerMessageUnderIt() throws Exception {
    publishBatch("a1", "a2", "a3");

    await().atMost(DELIVERY_TIMEOUT).until(() -> shipping.delivered().size() == 3);
    await()
        .atMost(DELIVERY_TIMEOUT)
        .until(() -> named(exporter.checkpoints(), "Labels.label").size() == 3);
    List<CheckpointData> checkpoints = exporter.checkpoints();
    String traceId = only(checkpoints, "shipAll").traceId();
    List<CheckpointData> batches = named(checkpoints, "CONSUME BATCH " + BATCH_QUEUE);
    List<CheckpointData> messages = named(checkpoints, "CONSUME " + BATCH_QUEUE);
    Set<String> publishes = ids(named(checkpoints, "PUBLISH " + BATCH_QUEUE));
    Set<String> batchIds = ids(batches);

    assertThat(checkpoints)
        .allSatisfy(
            checkpoint -> {
              assertThat(checkpoint.traceId()).isEqualTo(traceId);
              assertThat(checkpoint.error()).isNull();
            });
    // All messages come from one tree, so each batch joins it under a message's publish.
    assertThat(batches)
        .isNotEmpty()
        .allSatisfy(
            batch -> {
              assertThat(batch.kind()).isEqualTo(Kind.MESSAGE_CONSUME);
              assertThat(publishes).contains(batch.parentId());
              assertThat(RecordedJson.of(batch.input()).path("destination").asText())
                  .isEqualTo(BATCH_QUEUE);
            });
    assertThat(batches.stream().mapToInt(b -> RecordedJson.of(b.input()).path("count").asInt()))
        .containsOnly(3);
    assertThat(messages).hasSize(3);
    assertThat(messages).allSatisfy(message -> assertThat(batchIds).contains(message.parentId()));
    assertThat(
            messages.stream().map(m -> RecordedJson.of(m.input()).path("body").path("id").asText()))
        .containsExactlyInAnyOrder("a1", "a2", "a3");
    assertThat(named(checkpoints, "Labels.label"))
        .allSatisfy(label -> assertThat(batchIds).contains(label.parentId()));
  }

  @Test
  void theListenersFailureIsTheErrorOfTheBatchAndOfEachMessage() throws Exception {
    publishBatch("b1", "b2", "fail");

    await()
        .atMost(DELIVERY_TIMEOUT)
        .until(() -> named(exporter.checkpoints(), "CONSUME BATCH " + BATCH_QUEUE).size() == 1);
    List<CheckpointData> checkpoints = exporter.checkpoints();
    CheckpointData batch = only(checkpoints, "CONSUME BATCH " + BATCH_QUEUE);
    List<CheckpointData> messages = named(checkpoints, "CONSUME " + BATCH_QUEUE);
    assertThat(messages).hasSize(3);
    assertThat(batch.error().type()).isEqualTo(ListenerExecutionFailedException.class.getName());
    assertThat(messages)
        .allSatisfy(
            message ->
                assertThat(message.error().type())
                    .isEqualTo(ListenerExecutionFailedException.class.getName()));
  }

  @Test
  void offRecordsNoBatch() throws Exception {
    recorder.control().set(RecordingMode.OFF, null);

    publishBatch("c1", "c2", "c3");

    await().atMost(DELIVERY_TIMEOUT).until(() -> shipping.delivered().size() == 3);
    assertThat(exporter.checkpoints()).isEmpty();
  }

  private void publishBatch(String... ids) {
    try (ActiveCheckpoint request = recorder.start(Kind.METHOD, "shipAll", null)) {
      for (String id : ids) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(
            "",
            BATCH_QUEUE,
            MessageBuilder.withBody(
                    ("{\"id\":\"" + id + "\",\"address\":\"1 Main St\"}")
                        .getBytes(StandardCharsets.UTF_8))
                .andProperties(properties)
                .build());
      }
    }
  }

  /** A container factory that hands the listener up to three messages at once. */
  @TestConfiguration
  static class Batches {
    @Bean
    SimpleRabbitListenerContainerFactory batchFactory(
        SimpleRabbitListenerContainerFactoryConfigurer configurer,
        org.springframework.amqp.rabbit.connection.ConnectionFactory connectionFactory) {
      SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
      configurer.configure(factory, connectionFactory);
      factory.setBatchListener(true);
      factory.setConsumerBatchEnabled(true);
      factory.setBatchSize(3);
      factory.setReceiveTimeout(2_000L);
      return factory;
    }

    @Bean
    Queue batchQueue() {
      return new Queue(BATCH_QUEUE, false, false, true);
    }

    @Bean
    BatchShipping batchShipping(Labels labels) {
      return new BatchShipping(labels);
    }
  }

  /** Labels the orders of a batch in one listener call; an order named "fail" fails the batch. */
  static class BatchShipping {
    private final Labels labels;
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

    BatchShipping(Labels labels) {
      this.labels = labels;
    }

    BlockingQueue<String> delivered() {
      return delivered;
    }

    @RabbitListener(queues = "#{batchQueue.name}", containerFactory = "batchFactory")
    void onOrders(List<Message> messages) {
      for (Message message : messages) {
        String order = new String(message.getBody(), StandardCharsets.UTF_8);
        if (order.contains("\"fail\"")) {
          throw new IllegalStateException("Batch refused: " + order);
        }
        labels.label(order);
        delivered.add(order);
      }
    }
  }
}
